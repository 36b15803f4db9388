/** One event of a `text/event-stream`. */
export interface ServerSentEvent {
  /** Becomes the client's Last-Event-ID. */
  id: string;
  /** The `EventSource` listener it reaches (`addEventListener(event, …)`). */
  event: string;
  /** Sent as one line of JSON. */
  data: unknown;
}

/** What the writer needs of an HTTP response; Express's and Node's responses fit it. */
export interface EventStreamSink {
  writeHead(status: number, headers: Record<string, string>): unknown;
  flushHeaders?(): void;
  write(chunk: string): boolean;
  end(): unknown;
  once(event: 'close', listener: () => void): unknown;
  readonly writableLength: number;
  readonly writableEnded: boolean;
  readonly destroyed: boolean;
}

export interface ServerSentEventWriterOptions {
  /** Interval of the comment lines that keep idle proxies and load balancers from closing the stream. */
  heartbeatMs: number;
  /** The reconnection delay the client is told to use (`retry:`). */
  retryMs: number;
  /**
   * Bytes the client may leave unread before the stream is closed: a reader that stopped reading
   * would otherwise make the gateway buffer every event for it. Default 1 MiB.
   */
  maxBufferedBytes?: number;
}

const DEFAULT_MAX_BUFFERED_BYTES = 1024 * 1024;

/**
 * A server-sent event stream over a plain HTTP response: headers and the `retry:` line on `open`,
 * a comment line every `heartbeatMs`, events framed as `id:` / `event:` / `data:`. Everything the
 * stream holds (the heartbeat timer, whatever `onClose` registered, such as a NATS subscription) is
 * released exactly once, whether the client goes away, the reader falls behind or the server closes it.
 */
export class ServerSentEventWriter {
  private heartbeat?: NodeJS.Timeout;
  private readonly cleanups: (() => void)[] = [];
  private opened = false;
  private closed = false;

  constructor(
    private readonly sink: EventStreamSink,
    private readonly options: ServerSentEventWriterOptions,
  ) {
    if (sink.destroyed || sink.writableEnded) this.closed = true;
    // Ending our side too: a client that only half-closed would otherwise hold the socket open.
    else sink.once('close', () => this.close());
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Runs `cleanup` when the stream closes, at once if it already has. */
  onClose(cleanup: () => void): void {
    if (this.closed) cleanup();
    else this.cleanups.push(cleanup);
  }

  /** Sends the headers and the reconnection delay, and starts the heartbeat. */
  open(): void {
    if (this.closed || this.opened) return;
    this.opened = true;
    this.sink.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      // no-transform: a compressing proxy would hold events back to fill its buffer.
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      // nginx buffers proxied responses unless told not to.
      'X-Accel-Buffering': 'no',
    });
    this.sink.flushHeaders?.();
    this.write(`retry: ${this.options.retryMs}\n\n`);
    this.heartbeat = setInterval(() => this.write(': heartbeat\n\n'), this.options.heartbeatMs);
    this.heartbeat.unref();
  }

  /** Writes one event; false when the stream is closed (or had to be closed for a stalled reader). */
  send(event: ServerSentEvent): boolean {
    if (!this.opened || this.closed) return false;
    return this.write(frameEvent(event));
  }

  /** Ends the stream and releases what it holds; safe to call again. */
  close(): void {
    if (!this.closed) this.release();
    if (!this.sink.writableEnded) this.sink.end();
  }

  private write(chunk: string): boolean {
    if (this.closed) return false;
    this.sink.write(chunk);
    if (this.sink.writableLength > (this.options.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED_BYTES)) {
      // The client reconnects (per `retry:`) and starts afresh instead of the gateway buffering for it.
      this.close();
      return false;
    }
    return true;
  }

  /** Idempotent: the cleanups are taken out of the list as they run. */
  private release(): void {
    this.closed = true;
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
    for (const cleanup of this.cleanups.splice(0)) {
      try {
        cleanup();
      } catch {
        // Runs from the socket's close event, where a throw would crash the process; the other
        // cleanups must run regardless, and a cleanup reports its own failures.
      }
    }
  }
}

/**
 * The wire form of one event. A line break inside a field would start a new field, so the id and
 * the name lose theirs, and data is split into one `data:` line per line (JSON has none unless the
 * producer pretty-printed it).
 */
export function frameEvent(event: ServerSentEvent): string {
  const data = JSON.stringify(event.data) ?? 'null';
  const lines = [`id: ${singleLine(event.id)}`, `event: ${singleLine(event.event)}`];
  for (const line of data.split(/\r\n|\r|\n/)) lines.push(`data: ${line}`);
  return `${lines.join('\n')}\n\n`;
}

function singleLine(value: string): string {
  // NUL in an id makes the browser ignore the id (WHATWG HTML, "process the field").
  return value.replace(/[\r\n\0]/g, '');
}
