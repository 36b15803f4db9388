import { TransientError } from '@gazette-watch/messaging';
import { GazetteInputError } from '@gazette-watch/parser';
import { HttpException, NotFoundException } from '@nestjs/common';
import { httpErrorBody, toHttpException } from './http-error.filter';
import { IngestCommandError } from './use-cases/ingest-gazette.use-case';

describe('HTTP error mapping', () => {
  it.each([
    [new GazetteInputError('empty', 'the input is empty (0 bytes)'), 400],
    [new GazetteInputError('binary', 'the input looks like a PDF file'), 415],
    [new GazetteInputError('undecodable', 'not UTF-8'), 415],
    [new GazetteInputError('too_large', 'too big'), 413],
    [new IngestCommandError('url is not valid'), 400],
    [new TransientError('PostgreSQL unavailable'), 503],
    [new Error('bug'), 500],
  ])('%s → %i', (error, status) => {
    expect(toHttpException(error).getStatus()).toBe(status);
  });

  it('keeps the message of an input error and hides that of a bug', () => {
    expect(httpErrorBody(toHttpException(new GazetteInputError('binary', 'the input looks like a PDF file')))).toEqual({
      statusCode: 415,
      error: 'Unsupported Media Type',
      message: 'the input looks like a PDF file',
    });
    expect(httpErrorBody(toHttpException(new Error('secret detail')))).toEqual({
      statusCode: 500,
      error: 'Internal Server Error',
      message: 'Internal server error',
    });
  });

  it('gives every HttpException the same body shape', () => {
    expect(httpErrorBody(new NotFoundException('no gazette x'))).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: 'no gazette x',
    });
    expect(httpErrorBody(new HttpException('plain', 418))).toEqual({
      statusCode: 418,
      error: "I'm a Teapot",
      message: 'plain',
    });
    expect(httpErrorBody(new HttpException({ message: ['a', 'b'] }, 400)).message).toBe('a; b');
  });
});
