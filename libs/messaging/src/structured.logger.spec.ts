import { runInLogContext } from './log-context';
import { StructuredLogger } from './structured.logger';

const time = new Date('2024-05-01T08:00:00.000Z');

describe('StructuredLogger', () => {
  const json = new StructuredLogger({ service: 'segmentation', levels: ['log', 'error'], format: 'json' });

  it('writes one JSON object with level, time, service, context and message', () => {
    expect(JSON.parse(json.format('log', 'consuming DOCUMENTS', ['JetStreamServer'], time))).toEqual({
      level: 'info',
      time: '2024-05-01T08:00:00.000Z',
      service: 'segmentation',
      context: 'JetStreamServer',
      message: 'consuming DOCUMENTS',
    });
  });

  it('adds the correlation id and takes the service of the log context', () => {
    const line = runInLogContext({ service: 'extraction', correlationId: 'req-1' }, () =>
      json.format('warn', 'retry in 100 ms', ['JetStreamServer'], time),
    );
    expect(JSON.parse(line)).toMatchObject({ level: 'warn', service: 'extraction', correlation_id: 'req-1' });
  });

  it('keeps an error stack apart from the context', () => {
    const stack = 'Error: boom\n    at somewhere (file.ts:1:1)';
    expect(JSON.parse(json.format('error', 'failed', [stack, 'Main'], time))).toMatchObject({
      level: 'error',
      context: 'Main',
      message: 'failed',
      stack,
    });
    expect(JSON.parse(json.format('error', new Error('boom'), [], time))).toMatchObject({ message: 'boom' });
  });

  it('writes text for a person, with the correlation id when there is one', () => {
    const text = new StructuredLogger({ service: 'api', levels: ['log'], format: 'text' });
    expect(runInLogContext({ correlationId: 'c-9' }, () => text.format('log', { a: 1 }, ['Ctx'], time))).toBe(
      '2024-05-01T08:00:00.000Z INFO    [api] [Ctx] { a: 1 } (correlation_id=c-9)',
    );
  });

  it('writes only the enabled levels, errors to stderr', () => {
    const out = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const err = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      json.debug('hidden');
      json.log('shown');
      json.error('bad');
      expect(out.mock.calls.map(([line]) => JSON.parse(String(line)).message)).toEqual(['shown']);
      expect(err.mock.calls.map(([line]) => JSON.parse(String(line)).message)).toEqual(['bad']);
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
  });
});
