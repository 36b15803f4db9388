import { EventEmitter } from 'node:events';
import { frameEvent, ServerSentEventWriter, type EventStreamSink } from './server-sent-event.writer';

/** An HTTP response as the writer sees it, recording what was written. */
class RecordingSink extends EventEmitter implements EventStreamSink {
  status?: number;
  headers?: Record<string, string>;
  chunks: string[] = [];
  writableLength = 0;
  writableEnded = false;
  destroyed = false;

  writeHead(status: number, headers: Record<string, string>): this {
    this.status = status;
    this.headers = headers;
    return this;
  }

  write(chunk: string): boolean {
    this.chunks.push(chunk);
    return true;
  }

  end(): this {
    this.writableEnded = true;
    this.emit('close');
    return this;
  }

  /** The client went away. */
  disconnect(): void {
    this.destroyed = true;
    this.emit('close');
  }

  get text(): string {
    return this.chunks.join('');
  }
}

describe('frameEvent', () => {
  it('frames id, event and one line of JSON data, ending with a blank line', () => {
    expect(frameEvent({ id: 'n-1', event: 'appointment.created', data: { region: '吕梁市', n: 1 } })).toBe(
      'id: n-1\nevent: appointment.created\ndata: {"region":"吕梁市","n":1}\n\n',
    );
  });

  it('keeps line breaks out of id and event, and splits data on its lines', () => {
    expect(frameEvent({ id: 'a\nb\r\0', event: 'x\ny', data: 'two\nlines' })).toBe(
      'id: ab\nevent: xy\ndata: "two\\nlines"\n\n',
    );
  });
});

describe('ServerSentEventWriter', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('opens with the event-stream headers and the retry line', () => {
    const sink = new RecordingSink();
    new ServerSentEventWriter(sink, { heartbeatMs: 1_000, retryMs: 3_000 }).open();
    expect(sink.status).toBe(200);
    expect(sink.headers).toMatchObject({
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      'X-Accel-Buffering': 'no',
    });
    expect(sink.text).toBe('retry: 3000\n\n');
  });

  it('sends nothing before it is opened', () => {
    const sink = new RecordingSink();
    const writer = new ServerSentEventWriter(sink, { heartbeatMs: 1_000, retryMs: 3_000 });
    expect(writer.send({ id: '1', event: 'e', data: 1 })).toBe(false);
    expect(sink.chunks).toEqual([]);
  });

  it('writes a heartbeat comment every interval and stops when the client goes away', () => {
    const sink = new RecordingSink();
    const writer = new ServerSentEventWriter(sink, { heartbeatMs: 1_000, retryMs: 3_000 });
    writer.open();
    jest.advanceTimersByTime(999);
    expect(sink.chunks).toHaveLength(1);
    jest.advanceTimersByTime(1);
    expect(sink.chunks.at(-1)).toBe(': heartbeat\n\n');
    jest.advanceTimersByTime(2_000);
    expect(sink.chunks.filter((chunk) => chunk === ': heartbeat\n\n')).toHaveLength(3);
    sink.disconnect();
    jest.advanceTimersByTime(10_000);
    expect(sink.chunks).toHaveLength(4);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('runs the cleanups once when the client disconnects, and refuses events afterwards', () => {
    const sink = new RecordingSink();
    const writer = new ServerSentEventWriter(sink, { heartbeatMs: 1_000, retryMs: 3_000 });
    const unsubscribe = jest.fn();
    writer.onClose(unsubscribe);
    writer.open();
    expect(writer.send({ id: '1', event: 'appointment', data: {} })).toBe(true);
    sink.disconnect();
    sink.emit('close');
    expect(unsubscribe).toHaveBeenCalledTimes(1);
    expect(writer.isClosed).toBe(true);
    expect(writer.send({ id: '2', event: 'appointment', data: {} })).toBe(false);
  });

  it('runs a cleanup registered after the close at once', () => {
    const sink = new RecordingSink();
    const writer = new ServerSentEventWriter(sink, { heartbeatMs: 1_000, retryMs: 3_000 });
    sink.disconnect();
    const unsubscribe = jest.fn();
    writer.onClose(unsubscribe);
    expect(unsubscribe).toHaveBeenCalledTimes(1);
    writer.open();
    expect(sink.status).toBeUndefined();
  });

  it('ends the response when the server closes it, running the cleanups', () => {
    const sink = new RecordingSink();
    const writer = new ServerSentEventWriter(sink, { heartbeatMs: 1_000, retryMs: 3_000 });
    const unsubscribe = jest.fn();
    writer.onClose(unsubscribe);
    writer.open();
    writer.close();
    writer.close();
    expect(sink.writableEnded).toBe(true);
    expect(unsubscribe).toHaveBeenCalledTimes(1);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('closes the stream of a reader that stopped reading instead of buffering for it', () => {
    const sink = new RecordingSink();
    const writer = new ServerSentEventWriter(sink, { heartbeatMs: 1_000, retryMs: 3_000, maxBufferedBytes: 100 });
    const unsubscribe = jest.fn();
    writer.onClose(unsubscribe);
    writer.open();
    expect(writer.send({ id: '1', event: 'e', data: 'x' })).toBe(true);
    sink.writableLength = 101;
    expect(writer.send({ id: '2', event: 'e', data: 'x' })).toBe(false);
    expect(sink.writableEnded).toBe(true);
    expect(unsubscribe).toHaveBeenCalledTimes(1);
  });

  it('runs every cleanup even when one throws', () => {
    const sink = new RecordingSink();
    const writer = new ServerSentEventWriter(sink, { heartbeatMs: 1_000, retryMs: 3_000 });
    const second = jest.fn();
    writer.onClose(() => {
      throw new Error('already closed');
    });
    writer.onClose(second);
    sink.disconnect();
    expect(second).toHaveBeenCalledTimes(1);
  });
});
