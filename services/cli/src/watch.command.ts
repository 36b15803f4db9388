import type { SubscriptionFilter } from '@gazette-watch/contracts';
import { formatEventJson, formatEventLine } from './event-line.formatter';
import { type EventStreamOptions, readEventStream } from './event-stream.reader';
import type { CommandIo } from './parse.command';
import { describeFilter, filterQuery } from './watch-filter.options';

/**
 * `gazette watch`: the API gateway's public event stream, one line per new appointment or
 * regulation, until Ctrl-C. Events go to stdout; what happens to the connection goes to stderr.
 */

export interface WatchOptions {
  /** The API gateway's base URL, without a trailing slash. */
  apiUrl: string;
  filter: SubscriptionFilter;
  json: boolean;
  /** Reconnection timing; the defaults suit a person at a terminal. */
  timing?: Pick<EventStreamOptions, 'retryMs' | 'maxRetryMs' | 'idleTimeoutMs' | 'connectTimeoutMs'>;
}

export function eventStreamUrl(apiUrl: string, filter: SubscriptionFilter): string {
  const query = filterQuery(filter).toString();
  return `${apiUrl}/events/stream${query ? `?${query}` : ''}`;
}

/** Resolves to the exit code: 0 once stopped, 1 if the API cannot be reached, 2 if it refuses the filter. */
export async function runWatch(
  options: WatchOptions,
  io: CommandIo,
  signal: AbortSignal,
  now: () => Date = () => new Date(),
): Promise<number> {
  const url = eventStreamUrl(options.apiUrl, options.filter);
  const end = await readEventStream(
    { ...options.timing, url, signal },
    {
      onEvent: (event) => {
        const line = options.json ? formatEventJson(event) : formatEventLine(event, now());
        if (line.ok) io.out(line.line);
        else io.err(`gazette: skipped an event${event.id ? ` (${event.id})` : ''}: ${line.reason}`);
      },
      onNotice: (notice) => {
        if (notice.type === 'dropped') {
          io.err(`gazette: the event stream dropped (${notice.reason}); reconnecting in ${duration(notice.retryInMs)}`);
        } else if (notice.resumed) {
          io.err(`gazette: reconnected${notice.lastEventId ? `, resuming after ${notice.lastEventId}` : ''}`);
        } else {
          io.err(`gazette: watching ${describeFilter(options.filter)} at ${options.apiUrl}; Ctrl-C stops`);
        }
      },
    },
  );
  switch (end.type) {
    case 'stopped':
      return 0;
    case 'closed':
      io.err('gazette: the API ended the event stream');
      return 0;
    case 'unreachable':
      io.err(`gazette: cannot reach the API at ${options.apiUrl}: ${end.reason}`);
      return 1;
    case 'refused': {
      const { status, message, issues } = end.error;
      io.err(`gazette: ${status === 400 ? message : `${url}: HTTP ${status}: ${message}`}`);
      for (const issue of issues) io.err(`  ${issue}`);
      return status === 400 ? 2 : 1;
    }
  }
}

function duration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}
