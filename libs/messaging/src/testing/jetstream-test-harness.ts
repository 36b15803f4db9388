/**
 * Shared by this library's integration specs (excluded from the build); waiting and connection
 * options come from `@gazette-watch/testing`.
 */
import { natsConnectionOptions, waitFor as waitForState } from '@gazette-watch/testing';
import { JetStreamManager, NatsConnection, Subscription, connect } from 'nats';
import { StreamDefinitionLike } from '../stream-definition';

export const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

/** The production layout (docs/pipeline-design.md) with ages short enough for a test server. */
export const TEST_STREAMS: readonly StreamDefinitionLike[] = [
  { name: 'GAZETTES', subjects: ['gazette.>'], maxAgeSeconds: 3600, duplicateWindowSeconds: 120 },
  { name: 'DOCUMENTS', subjects: ['document.>'], maxAgeSeconds: 3600, duplicateWindowSeconds: 120 },
  { name: 'FACTS', subjects: ['appointment.>', 'regulation.>'], maxAgeSeconds: 3600, duplicateWindowSeconds: 120 },
  { name: 'DEADLETTER', subjects: ['deadletter.>'], maxAgeSeconds: 7200, duplicateWindowSeconds: 120 },
];

/** Integration specs must fail, not skip, without a server, and say how to get one. */
export async function connectOrFail(): Promise<{ nc: NatsConnection; jsm: JetStreamManager }> {
  let nc: NatsConnection;
  try {
    nc = await connect({ ...natsConnectionOptions(NATS_URL), maxReconnectAttempts: 0, timeout: 3_000 });
  } catch (error) {
    throw new Error(
      `NATS with JetStream is required at ${NATS_URL} (set NATS_URL) but is unreachable: ${String(error)}. ` +
        'Start it with: start-stop-daemon --start --oknodo --background --exec /usr/sbin/nats-server -- ' +
        '-a 127.0.0.1 -p 4222 -js -sd /var/lib/nats-server',
    );
  }
  try {
    return { nc, jsm: await nc.jetstreamManager() };
  } catch (error) {
    await nc.close();
    throw new Error(`NATS at ${NATS_URL} answers but JetStream is not enabled (-js): ${String(error)}`);
  }
}

export interface WaitOptions {
  timeoutMs?: number;
  intervalMs?: number;
}

/** The harness's waitFor, with the description first as these specs read best. */
export async function waitFor<T>(
  description: string,
  probe: () => T | Promise<T>,
  { timeoutMs = 10_000, intervalMs = 25 }: WaitOptions = {},
): Promise<NonNullable<T>> {
  return waitForState(async () => (await probe()) || undefined, { description, timeoutMs, intervalMs }) as Promise<
    NonNullable<T>
  >;
}

/** Collects JSON messages published on a core subject (e.g. a dead-letter subject). */
export class SubjectCollector<T = unknown> {
  readonly received: T[] = [];
  private readonly subscription: Subscription;

  constructor(nc: NatsConnection, subject: string) {
    this.subscription = nc.subscribe(subject, {
      callback: (error, msg) => {
        if (!error) {
          this.received.push(msg.json<T>());
        }
      },
    });
  }

  stop(): void {
    this.subscription.unsubscribe();
  }
}

export function envelope(type: string, id: string, payload: unknown = {}) {
  return {
    type,
    version: 1,
    id,
    correlation_id: `corr-${id}`,
    occurred_at: new Date().toISOString(),
    producer: 'test',
    payload,
  };
}
