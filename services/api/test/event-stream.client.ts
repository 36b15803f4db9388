import { waitFor } from '@gazette-watch/testing';
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { get, type IncomingHttpHeaders } from 'node:http';

/** A server-sent event stream read the way a browser's EventSource would, for the specs. */
export interface EventStreamClient {
  status: number;
  headers: IncomingHttpHeaders;
  events: EventSourceMessage[];
  comments: string[];
  retry: number | undefined;
  /** The body of an answer that is not a stream (an error). */
  text: string;
  /** Whether the server ended the stream. */
  readonly ended: boolean;
  /** Waits until `count` events arrived and returns them all. */
  eventsAfter(count: number, timeoutMs?: number): Promise<EventSourceMessage[]>;
  /** Goes away like a closed browser tab. */
  close(): void;
}

/**
 * Opens `url` and resolves once the server has answered with its headers. Plain `node:http` on a
 * connection of its own: a pooling client (fetch) would open a spare connection that keeps the
 * server from closing for seconds after the test.
 */
export function openEventStream(url: string, headers: Record<string, string> = {}): Promise<EventStreamClient> {
  return new Promise((resolve, reject) => {
    const request = get(url, { agent: false, headers: { Accept: 'text/event-stream', ...headers } }, (response) => {
      let ended = false;
      const client: EventStreamClient = {
        status: response.statusCode ?? 0,
        headers: response.headers,
        events: [],
        comments: [],
        retry: undefined,
        text: '',
        get ended() {
          return ended;
        },
        eventsAfter: (count, timeoutMs = 5_000) =>
          waitFor(async () => client.events.length >= count && client.events, {
            timeoutMs,
            description: `${count} server-sent events from ${url}`,
          }),
        close: () => request.destroy(),
      };
      const parser = createParser({
        onEvent: (event) => client.events.push(event),
        onComment: (comment) => client.comments.push(comment),
        onRetry: (retry) => {
          client.retry = retry;
        },
      });
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        client.text += chunk;
        parser.feed(chunk);
      });
      response.once('close', () => {
        ended = true;
      });
      resolve(client);
    });
    // `on`: a reset after `close` must not become an unhandled 'error'; rejecting then is a no-op.
    request.on('error', reject);
  });
}
