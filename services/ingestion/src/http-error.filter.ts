import { TransientError } from '@gazette-watch/messaging';
import { GazetteInputError } from '@gazette-watch/parser';
import {
  ArgumentsHost,
  BadRequestException,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  InternalServerErrorException,
  Logger,
  PayloadTooLargeException,
  ServiceUnavailableException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import type { Response } from 'express';
import { STATUS_CODES } from 'node:http';
import { IngestCommandError } from './use-cases/ingest-gazette.use-case';

export interface HttpErrorBody {
  statusCode: number;
  error: string;
  message: string;
}

/** What the client did wrong (or what is down), as an HTTP exception; anything unforeseen is a 500. */
export function toHttpException(error: unknown): HttpException {
  if (error instanceof HttpException) return error;
  if (error instanceof GazetteInputError) {
    switch (error.code) {
      case 'empty':
        return new BadRequestException(error.message);
      case 'too_large':
        return new PayloadTooLargeException(error.message);
      case 'binary':
      case 'undecodable':
        return new UnsupportedMediaTypeException(error.message);
    }
  }
  if (error instanceof IngestCommandError) return new BadRequestException(error.message);
  // The file may already be stored; sending it again is safe and completes the ingest.
  if (error instanceof TransientError) return new ServiceUnavailableException(`${error.message}; retry the request`);
  return new InternalServerErrorException('Internal server error');
}

/** Always `{ statusCode, error, message }` with a one-string message, whatever was thrown. */
export function httpErrorBody(exception: HttpException): HttpErrorBody {
  const statusCode = exception.getStatus();
  const response = exception.getResponse();
  const raw = typeof response === 'string' ? response : (response as { message?: unknown }).message;
  const message = Array.isArray(raw) ? raw.join('; ') : typeof raw === 'string' ? raw : exception.message;
  return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message };
}

/** The HTTP face's only exception filter (the RPC side has the JetStream one). */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const http = toHttpException(exception);
    const body = httpErrorBody(http);
    if (body.statusCode >= HttpStatus.INTERNAL_SERVER_ERROR) {
      this.logger.error(
        `${body.statusCode}: ${exception instanceof Error ? (exception.stack ?? exception.message) : String(exception)}`,
      );
    }
    if (response.headersSent) {
      response.end();
      return;
    }
    response.status(body.statusCode).json(body);
  }
}
