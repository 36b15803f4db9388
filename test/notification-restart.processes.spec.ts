import type { EventEnvelope, RpcName, RpcRequest } from '@gazette-watch/contracts';

import {
  createTestDatabase,
  createTestNamespace,
  natsConnectionOptions,
  releaseTestInfrastructure,
  testInfrastructure,
  waitFor,
  withClient,
  WebhookReceiver,
  serviceRpcCaller,
  TEST_INFRASTRUCTURE_TIMEOUT_MS,
  type TestDatabase,
  type TestNamespace,
} from '@gazette-watch/testing';
import { connect, type JetStreamClient, type NatsConnection } from 'nats';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { appointmentEvent } from '../services/notification/test/notification-fixtures';
import { RestartableService } from './pipeline-process-harness';

/**
 * The notification service killed outright (SIGKILL) in the middle of its retry schedules, one
 * attempt still in flight, then started again as a new process on the same database and
 * namespace. The retry state lives in PostgreSQL only, so nothing may be lost: every delivery
 * ends succeeded, each notification reaches its receiver with exactly one 2xx, and the attempt
 * log carries on numbering where the killed process stopped.
 */

const ADMIN = { role: 'admin' as const };
/** Six attempts two seconds apart: room to kill mid-schedule on a busy machine, short enough for a test. */
const SCHEDULE = '0,2s,2s,2s,2s,2s';
const ATTEMPTS = SCHEDULE.split(',').length;
const RETRY_GAP_MS = 2_000;
/** The dispatcher's lease is this plus 30 s: an attempt cut off by the kill is claimed again after it. */
const WEBHOOK_TIMEOUT_MS = 5_000;
const LEASE_MS = WEBHOOK_TIMEOUT_MS + 30_000;
const FAILING_FACTS = 5;

/** One request as a receiver answered it. */
interface Answered {
  path: string;
  webhookId: string;
  /** The status sent back, or null when the sender went away before an answer. */
  status: number | null;
  at: number;
}

interface DeliveryRow {
  id: string;
  subscription_id: string;
  status: string;
  attempts: number;
  lease_until: Date | null;
}

interface AttemptLogEntry {
  attempt: number;
  status_code: number | null;
  error?: string | null;
  /** ISO 8601 from the API, a Date from the table. */
  started_at: string | Date;
}

/** A receiver that keeps requests open while `holding`: what an endpoint looks like mid-attempt. */
class HoldingReceiver {
  readonly answered: Answered[] = [];
  holding = true;
  private server: Server | null = null;

  async start(): Promise<void> {
    const server = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        const entry: Answered = {
          path: request.url ?? '/',
          webhookId: webhookIdOf(request.headers),
          status: null,
          at: Date.now(),
        };
        this.answered.push(entry);
        if (!this.holding) {
          entry.status = 200;
          response.writeHead(200).end();
          return;
        }
        // Left open: the answer never comes, the connection goes when the sender dies.
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    this.server = server;
  }

  url(path: string): string {
    return `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}${path}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** What identifies a logged attempt, the same whether read from the table or through the API. */
function attemptKey({ attempt, status_code, started_at }: AttemptLogEntry): string {
  return `${attempt} ${status_code} ${new Date(started_at).toISOString()}`;
}

function webhookIdOf(headers: IncomingHttpHeaders): string {
  return String(headers['webhook-id']);
}

describe('notification service killed mid retry schedule (real processes, SIGKILL)', () => {
  let database: TestDatabase;
  let namespace: TestNamespace;
  let natsUrl: string;
  let nc: NatsConnection;
  let js: JetStreamClient;
  let service: RestartableService;
  const receiver = new WebhookReceiver();
  const holding = new HoldingReceiver();
  /** Every request the WebhookReceiver got, with the status it answered. */
  const answered: Answered[] = [];
  let receiverStatus = 500;

  const subject = (logical: string) => namespace.subjectPrefix + logical;

  // The replies are checked by the service's contracts; the test reads them loosely.
  const command = <N extends RpcName>(name: N, request: Partial<RpcRequest<N>> & object) =>
    serviceRpcCaller(nc, namespace.subjectPrefix, 'notification').command(name, request);

  async function publishFact(envelope: EventEnvelope<unknown>): Promise<void> {
    await js.publish(subject(envelope.type), new TextEncoder().encode(JSON.stringify(envelope)), {
      msgID: envelope.id,
    });
  }

  function deliveryRows(): Promise<DeliveryRow[]> {
    return withClient(database.url, async (client) => {
      const { rows } = await client.query<DeliveryRow>(
        'SELECT id, subscription_id, status, attempts, lease_until FROM notification.notification ORDER BY id',
      );
      return rows;
    });
  }

  function loggedAttempts(): Promise<Map<string, AttemptLogEntry[]>> {
    return withClient(database.url, async (client) => {
      const { rows } = await client.query<AttemptLogEntry & { notification_id: string }>(
        `SELECT notification_id, attempt, status_code, started_at
         FROM notification.delivery_attempt ORDER BY notification_id, attempt`,
      );
      const byId = new Map<string, AttemptLogEntry[]>();
      for (const { notification_id, ...entry } of rows)
        byId.set(notification_id, [...(byId.get(notification_id) ?? []), entry]);
      return byId;
    });
  }

  beforeAll(async () => {
    ({ natsUrl } = await testInfrastructure());
    // An empty database: the first process migrates it at boot, the second finds it migrated.
    database = await createTestDatabase();
    namespace = createTestNamespace();
    nc = await connect(natsConnectionOptions(natsUrl));
    js = nc.jetstream();
    receiver.answer = (request) => {
      answered.push({
        path: request.path,
        webhookId: webhookIdOf(request.headers),
        status: receiverStatus,
        at: request.receivedAt,
      });
      return { status: receiverStatus };
    };
    await receiver.start();
    await holding.start();
    service = new RestartableService({
      name: 'notification',
      databaseUrl: database.url,
      natsUrl,
      namespace,
      env: {
        WEBHOOK_RETRY_SCHEDULE: SCHEDULE,
        WEBHOOK_RETRY_JITTER: '0',
        WEBHOOK_POLL_MS: '100',
        WEBHOOK_TIMEOUT_MS: String(WEBHOOK_TIMEOUT_MS),
        WEBHOOK_ALLOWED_ADDRESSES: '127.0.0.1/32',
      },
    });
  }, TEST_INFRASTRUCTURE_TIMEOUT_MS);

  afterAll(async () => {
    await service?.stop();
    await receiver.stop();
    await holding.stop();
    if (namespace) await namespace.cleanup(natsUrl);
    await nc?.drain();
    await database?.drop();
    await releaseTestInfrastructure();
  }, TEST_INFRASTRUCTURE_TIMEOUT_MS);

  it(
    'resumes every schedule in a new process: each notification succeeds once, its attempts numbered on',
    async () => {
      await service.start();
      const subscriberId = (await command('subscriber.create', { principal: ADMIN, name: 'newsroom' })).subscriber.id;
      const failing = await command('subscription.create', {
        principal: ADMIN,
        subscriber_id: subscriberId,
        name: 'a receiver answering 500',
        filter: { kinds: ['appointment'], regions: ['北京市'] },
        webhook: { url: receiver.url('/failing') },
      });
      const inFlight = await command('subscription.create', {
        principal: ADMIN,
        subscriber_id: subscriberId,
        name: 'a receiver that has not answered yet',
        filter: { people: ['冯五'] },
        webhook: { url: holding.url('/held') },
      });
      const failingId: string = failing.subscription.id;
      const inFlightId: string = inFlight.subscription.id;

      // Five facts for the failing receiver; each gets a first attempt at once, answered 500.
      const people = ['张三', '李四', '王五', '赵六', '孙七'];
      for (const [index, person] of people.entries()) await publishFact(appointmentEvent(index, person, '北京市'));
      await waitFor(
        async () => {
          const rows = (await deliveryRows()).filter((row) => row.subscription_id === failingId);
          return rows.length === FAILING_FACTS && rows.every((row) => row.attempts >= 1);
        },
        { timeoutMs: 15_000, intervalMs: 50, description: `${FAILING_FACTS} deliveries with a failed attempt each` },
      );

      // A sixth fact whose first attempt is still waiting for its answer when the process dies.
      await publishFact(appointmentEvent(FAILING_FACTS, '冯五', '天津市'));
      await waitFor(async () => holding.answered.length === 1, {
        timeoutMs: 10_000,
        intervalMs: 5,
        description: 'the sixth delivery to reach the holding receiver',
      });
      const first = service.current;
      expect(await service.kill()).toBe('SIGKILL');

      // While no process runs, the rows stay as the kill left them: queued or leased, not lost, not failed.
      const atKill = await deliveryRows();
      expect(atKill).toHaveLength(FAILING_FACTS + 1);
      expect(atKill.every((row) => row.status === 'pending' || row.status === 'delivering')).toBe(true);
      const failingAtKill = atKill.filter((row) => row.subscription_id === failingId);
      const [inFlightAtKill] = atKill.filter((row) => row.subscription_id === inFlightId);
      // Mid-schedule: every failing delivery has attempts made and attempts left.
      expect(failingAtKill.every((row) => row.attempts >= 1 && row.attempts < ATTEMPTS)).toBe(true);
      // The held attempt was never settled: its row is leased, with no attempt counted.
      expect(inFlightAtKill).toMatchObject({ status: 'delivering', attempts: 0 });
      const logAtKill = await loggedAttempts();
      for (const row of failingAtKill) {
        expect(logAtKill.get(row.id)?.map((entry) => entry.status_code)).toEqual(Array(row.attempts).fill(500));
      }
      const requestsAtKill = answered.length;
      // Longer than a gap of the schedule: a live dispatcher would have tried again by now.
      await new Promise((resolve) => setTimeout(resolve, RETRY_GAP_MS + 500));
      expect(await deliveryRows()).toEqual(atKill);
      expect(answered).toHaveLength(requestsAtKill);

      // The receivers are mended; a new process takes over the same database and namespace.
      receiverStatus = 200;
      holding.holding = false;
      const second = await service.start();
      expect(second.running.process.pid).not.toBe(first.running.process.pid);

      // The failing deliveries are due at once; the cut-off one when its lease runs out.
      await waitFor(
        async () => {
          const rows = await deliveryRows();
          return rows.length === FAILING_FACTS + 1 && rows.every((row) => row.status === 'succeeded');
        },
        { timeoutMs: LEASE_MS + 30_000, intervalMs: 250, description: 'every delivery to succeed after the restart' },
      );

      // Through the service's own API as well: succeeded, the attempt log continuing across the kill.
      for (const row of failingAtKill) {
        const detail = await command('delivery.get', { principal: ADMIN, delivery_id: row.id });
        const log = detail.attempt_log as AttemptLogEntry[];
        expect(detail).toMatchObject({ status: 'succeeded', last_status_code: 200 });
        // Attempts 1…n without a gap: the failures before the kill, then the success after it.
        expect(log.map((entry) => entry.attempt)).toEqual(log.map((_, index) => index + 1));
        // Each failure answered 500, or had no outcome (in flight when the process died); the last is the 200.
        expect(log.slice(0, -1).every((entry) => entry.status_code === 500 || entry.status_code === null)).toBe(true);
        expect(log[log.length - 1].status_code).toBe(200);
        expect(log.length).toBeGreaterThan(row.attempts);
        // …and those failures are the very attempts the killed process logged.
        expect(log.slice(0, row.attempts).map(attemptKey)).toEqual(logAtKill.get(row.id)?.map(attemptKey));
        expect(detail.attempts).toBe(log.length);
      }
      const cutOff = await command('delivery.get', { principal: ADMIN, delivery_id: inFlightAtKill.id });
      // The attempt the kill cut off is in the log as one without an outcome, then the success.
      expect(cutOff).toMatchObject({ status: 'succeeded', attempts: 2 });
      expect((cutOff.attempt_log as AttemptLogEntry[]).map((entry) => [entry.status_code, entry.error])).toEqual([
        [null, 'no outcome: the dispatcher stopped during the attempt'],
        [200, null],
      ]);

      // At the receivers: exactly one 2xx per notification, and every notification got its 2xx.
      const all = [...answered, ...holding.answered];
      const successes = all.filter(
        (request) => request.status !== null && request.status >= 200 && request.status < 300,
      );
      expect(successes.map((request) => request.webhookId).sort()).toEqual(atKill.map((row) => row.id).sort());
      // Every failure the log shows reached the failing receiver; at most one more per delivery
      // (an attempt cut off by the kill after the receiver answered, logged later without an outcome).
      for (const row of failingAtKill) {
        const failures = answered.filter((request) => request.webhookId === row.id && request.status === 500).length;
        expect(failures).toBeGreaterThanOrEqual(row.attempts);
        expect(failures).toBeLessThanOrEqual(row.attempts + 1);
      }
      // The held request went unanswered; the same webhook-id came again once the lease ran out.
      expect(holding.answered.map((request) => [request.webhookId, request.status])).toEqual([
        [inFlightAtKill.id, null],
        [inFlightAtKill.id, 200],
      ]);
      expect(holding.answered[1].at).toBeGreaterThanOrEqual(
        new Date(inFlightAtKill.lease_until as Date).getTime() - 50,
      );

      // Nothing dropped on the way in either: every fact recorded once, the consumer caught up, no dead letters.
      const [counts] = await withClient(database.url, async (client) => {
        const { rows } = await client.query<{ facts: number; notifications: number; dead_letters: number }>(
          `SELECT (SELECT count(*)::int FROM notification.notification_event) AS facts,
                (SELECT count(*)::int FROM notification.notification) AS notifications,
                (SELECT count(*)::int FROM notification.dead_letter) AS dead_letters`,
        );
        return rows;
      });
      expect(counts).toEqual({ facts: FAILING_FACTS + 1, notifications: FAILING_FACTS + 1, dead_letters: 0 });
      const jsm = await nc.jetstreamManager();
      const consumer = await jsm.consumers.info(`${namespace.streamPrefix}FACTS`, 'notification');
      expect([consumer.num_pending, consumer.num_ack_pending]).toEqual([0, 0]);
      expect(service.current.running.process.exitCode).toBeNull();
    },
    LEASE_MS + 120_000,
  );
});
