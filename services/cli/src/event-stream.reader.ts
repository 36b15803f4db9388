import { setTimeout as sleep } from 'node:timers/promises';
import { createParser } from 'eventsource-parser';
import { type ApiError, describeFetchFailure, parseApiError } from './api-error.parser';

/**
 * A server-sent event stream read over `fetch`, kept open the way a browser's EventSource does:
 * after a drop it reconnects, waiting the server's `retry:` time (doubled for each failure in a
 * row) and sending `Last-Event-ID` so the server can resume after the last event seen.
 */

export interface StreamEvent {
  /** The `event:` field; undefined when the server named none. */
  event: string | undefined;
  id: string | undefined;
  data: string;
}

export interface EventStreamOptions {
  url: string;
  /** Stops reading, and any wait to reconnect, for good. */
  signal: AbortSignal;
  /** The wait before reconnecting until the server sends `retry:`. */
  retryMs?: number;
  /** The longest wait however many attempts failed in a row (a server's `retry:` may exceed it). */
  maxRetryMs?: number;
  /** Nothing at all, not even a heartbeat, for this long: the connection is taken as dead. */
  idleTimeoutMs?: number;
  /** No answer to a request within this long: the attempt failed. */
  connectTimeoutMs?: number;
}

export type StreamNotice =
  | { type: 'connected'; resumed: boolean; lastEventId: string | null }
  | { type: 'dropped'; reason: string; retryInMs: number };

export interface EventStreamHandlers {
  onEvent(event: StreamEvent): void;
  onNotice?(notice: StreamNotice): void;
}

/** Why reading ended: stopped by the signal, or a failure that another attempt would not mend. */
export type StreamEnd =
  | { type: 'stopped' }
  | { type: 'unreachable'; reason: string }
  | { type: 'refused'; error: ApiError }
  /** HTTP 204: the server asks the client not to reconnect. */
  | { type: 'closed' };

type Attempt = StreamEnd | { type: 'dropped'; reason: string };

export const STREAM_DEFAULTS = {
  retryMs: 1_000,
  maxRetryMs: 30_000,
  idleTimeoutMs: 60_000,
  connectTimeoutMs: 10_000,
} as const;

/** Guards memory against a stream that never ends its line or its event. */
const MAX_BUFFERED_CHARS = 8 * 1024 * 1024;

/** The wait before attempt `failuresInRow + 1`: the base doubled per failure, capped. */
export function reconnectDelay(failuresInRow: number, retryMs: number, maxRetryMs: number): number {
  return Math.min(retryMs * 2 ** Math.max(0, failuresInRow - 1), Math.max(maxRetryMs, retryMs));
}

/** A status worth retrying once the stream has worked: the server is busy or restarting. */
function transient(status: number): boolean {
  return status >= 500 || status === 408 || status === 429;
}

export async function readEventStream(options: EventStreamOptions, handlers: EventStreamHandlers): Promise<StreamEnd> {
  const settings = { ...STREAM_DEFAULTS, ...options };
  let retryMs = settings.retryMs;
  let lastEventId = '';
  let everConnected = false;
  let failuresInRow = 0;

  async function attempt(): Promise<Attempt> {
    const controller = new AbortController();
    const stop = (): void => controller.abort();
    options.signal.addEventListener('abort', stop, { once: true });
    let timer: NodeJS.Timeout | undefined;
    let timedOut: string | null = null;
    const deadline = (ms: number, reason: string): void => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        timedOut = reason;
        controller.abort();
      }, ms);
    };
    const failed = (error: unknown): Attempt =>
      options.signal.aborted
        ? { type: 'stopped' }
        : { type: 'dropped', reason: timedOut ?? describeFetchFailure(error) };
    try {
      deadline(settings.connectTimeoutMs, `no answer within ${seconds(settings.connectTimeoutMs)}`);
      const headers: Record<string, string> = { accept: 'text/event-stream', 'cache-control': 'no-cache' };
      if (lastEventId) headers['last-event-id'] = lastEventId;
      let response: Response;
      try {
        response = await fetch(settings.url, { headers, signal: controller.signal });
      } catch (error) {
        return failed(error);
      }
      if (response.status === 204) return { type: 'closed' };
      if (!response.ok) {
        const error = parseApiError(response.status, await response.text().catch(() => ''));
        if (everConnected && transient(response.status)) {
          return { type: 'dropped', reason: `HTTP ${response.status} ${error.message}` };
        }
        return { type: 'refused', error };
      }
      const contentType = response.headers.get('content-type') ?? '';
      if (!/^text\/event-stream\b/i.test(contentType) || !response.body) {
        return {
          type: 'refused',
          error: {
            status: response.status,
            message: `answered with ${contentType || 'no content type'}, not an event stream`,
            issues: [],
          },
        };
      }

      handlers.onNotice?.({ type: 'connected', resumed: everConnected, lastEventId: lastEventId || null });
      everConnected = true;
      failuresInRow = 0;
      const received: StreamEvent[] = [];
      let overflow = false;
      const parser = createParser({
        onEvent: (message) => received.push({ event: message.event, id: message.id, data: message.data }),
        onRetry: (ms) => {
          retryMs = ms;
        },
        onError: (error) => {
          if (error.type === 'max-buffer-size-exceeded') overflow = true;
        },
        maxBufferSize: MAX_BUFFERED_CHARS,
      });
      const decoder = new TextDecoder();
      const reader = response.body.getReader();
      for (;;) {
        deadline(settings.idleTimeoutMs, `nothing received for ${seconds(settings.idleTimeoutMs)}`);
        let chunk: Awaited<ReturnType<typeof reader.read>>;
        try {
          chunk = await reader.read();
        } catch (error) {
          return failed(error);
        }
        if (chunk.done) return { type: 'dropped', reason: 'the API closed the stream' };
        parser.feed(decoder.decode(chunk.value, { stream: true }));
        if (overflow) return { type: 'dropped', reason: 'an event over the size limit' };
        // Delivered outside the parser so a failing handler fails the command, not the connection.
        for (const event of received.splice(0)) {
          if (event.id !== undefined) lastEventId = event.id;
          handlers.onEvent(event);
        }
      }
    } finally {
      clearTimeout(timer);
      options.signal.removeEventListener('abort', stop);
      controller.abort();
    }
  }

  for (;;) {
    if (options.signal.aborted) return { type: 'stopped' };
    const result = await attempt();
    if (result.type !== 'dropped') return result;
    if (!everConnected) return { type: 'unreachable', reason: result.reason };
    failuresInRow++;
    const retryInMs = reconnectDelay(failuresInRow, retryMs, settings.maxRetryMs);
    handlers.onNotice?.({ type: 'dropped', reason: result.reason, retryInMs });
    try {
      await sleep(retryInMs, undefined, { signal: options.signal });
    } catch {
      return { type: 'stopped' };
    }
  }
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}
