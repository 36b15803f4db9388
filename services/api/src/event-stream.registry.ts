import { ServerSentEventWriter, type EventStreamSink } from './server-sent-event.writer';

/** How long a client waits before reconnecting after the stream dropped (`retry:`). */
export const EVENT_STREAM_RETRY_MS = 3_000;

/**
 * The open server-sent event streams. An HTTP server waits for its open responses before it
 * closes, and these never end on their own, so shutdown closes them first (`closeAll`).
 */
export class EventStreamRegistry {
  private readonly open = new Set<ServerSentEventWriter>();

  constructor(private readonly heartbeatMs: number) {}

  get size(): number {
    return this.open.size;
  }

  /** A writer over `sink`, not yet opened, forgotten again once it closes. */
  create(sink: EventStreamSink): ServerSentEventWriter {
    const writer = new ServerSentEventWriter(sink, { heartbeatMs: this.heartbeatMs, retryMs: EVENT_STREAM_RETRY_MS });
    if (writer.isClosed) return writer;
    this.open.add(writer);
    writer.onClose(() => this.open.delete(writer));
    return writer;
  }

  closeAll(): void {
    for (const writer of [...this.open]) writer.close();
  }
}
