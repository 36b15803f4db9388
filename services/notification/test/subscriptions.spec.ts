import { loadConfig } from '@gazette-watch/config';
import {
  eventMessageId,
  makeEnvelope,
  notificationMessageSchema,
  SUBJECTS,
  type AppointmentRecordedPayload,
  type EventEnvelope,
  type NotificationMessage,
  type RpcName,
  type RpcRequest,
} from '@gazette-watch/contracts';
import type { RpcReply } from '@gazette-watch/messaging';

import {
  createTestNamespace,
  natsConnectionOptions,
  releaseTestInfrastructure,
  testInfrastructure,
  waitFor,
  WebhookReceiver,
  serviceRpcCaller,
  TEST_INFRASTRUCTURE_TIMEOUT_MS,
  type TestDatabase,
  type TestNamespace,
} from '@gazette-watch/testing';
import type { INestMicroservice } from '@nestjs/common';
import { connect, type JetStreamClient, type NatsConnection } from 'nats';
import { Webhook } from 'standardwebhooks';
import { DataSource } from 'typeorm';
import { createNotificationApp } from '../src/notification.app';
import { notificationConfigSchema } from '../src/notification.config';

import { notificationTestDatabase, appointmentEvent, regulationEvent } from './notification-fixtures';

jest.setTimeout(60_000);

const ADMIN = { role: 'admin' as const };
/** Short enough for a test, the same shape as the real one: three attempts. */
const SCHEDULE_MS = [0, 200, 200];

describe('subscriptions and webhook delivery (PostgreSQL + NATS + a real HTTP receiver)', () => {
  let database: TestDatabase;
  let namespace: TestNamespace;
  let natsUrl: string;
  let nc: NatsConnection;
  let js: JetStreamClient;
  let app: INestMicroservice;
  const receiver = new WebhookReceiver();
  let subscriberId: string;

  const subject = (logical: string) => namespace.subjectPrefix + logical;

  // The replies are checked by the service's contracts; the tests read them loosely.
  const rpc = <N extends RpcName>(name: N, request: Partial<RpcRequest<N>> & object) =>
    serviceRpcCaller(nc, namespace.subjectPrefix, 'notification').rpc(name, request);
  const command = <N extends RpcName>(name: N, request: Partial<RpcRequest<N>> & object) =>
    serviceRpcCaller(nc, namespace.subjectPrefix, 'notification').command(name, request);

  async function publishFact(envelope: EventEnvelope<unknown>, msgID = envelope.id): Promise<void> {
    await js.publish(subject(envelope.type), new TextEncoder().encode(JSON.stringify(envelope)), { msgID });
  }

  function subscribe(path: string, filter: object, extra: object = {}) {
    return command('subscription.create', {
      principal: ADMIN,
      subscriber_id: subscriberId,
      name: path,
      filter,
      webhook: { url: receiver.url(path) },
      ...extra,
    });
  }

  async function deliveries(subscriptionId: string, status?: RpcRequest<'delivery.list'>['status']) {
    return (await command('delivery.list', { principal: ADMIN, subscription_id: subscriptionId, status })).items;
  }

  beforeAll(async () => {
    ({ natsUrl } = await testInfrastructure());
    database = await notificationTestDatabase();
    namespace = createTestNamespace();
    nc = await connect(natsConnectionOptions(natsUrl));
    js = nc.jetstream();
    await receiver.start();
    const config = loadConfig(notificationConfigSchema, {
      HTTP_PORT: '0',
      DATABASE_URL: database.url,
      NATS_URL: natsUrl,
      NATS_SUBJECT_PREFIX: namespace.subjectPrefix,
      NATS_STREAM_PREFIX: namespace.streamPrefix,
      WEBHOOK_RETRY_SCHEDULE: SCHEDULE_MS.map((ms) => `${ms}ms`).join(','),
      WEBHOOK_RETRY_JITTER: '0',
      WEBHOOK_POLL_MS: '50',
      WEBHOOK_TIMEOUT_MS: '4000',
      WEBHOOK_ALLOWED_ADDRESSES: '127.0.0.1/32',
      WEBHOOK_SECRET_OVERLAP: '1h',
    });
    app = await createNotificationApp(config, {
      logger: process.env.TEST_LOGS ? undefined : false,
      transport: { ackWaitMs: 5_000, nakDelayMs: 50, maxNakDelayMs: 200, pullExpiresMs: 5_000, closeTimeoutMs: 5_000 },
    });
    await app.listen();
    subscriberId = (await command('subscriber.create', { principal: ADMIN, name: 'newsroom' })).subscriber.id;
  }, TEST_INFRASTRUCTURE_TIMEOUT_MS);

  afterAll(async () => {
    await app?.close();
    await receiver.stop();
    if (namespace) await namespace.cleanup(natsUrl);
    await nc?.drain();
    await database?.drop();
    await releaseTestInfrastructure();
  });

  beforeEach(() => {
    receiver.answer = () => ({ status: 200 });
  });

  it('signs each delivery per Standard Webhooks, as an independent verifier checks it, and delivers it once', async () => {
    const { subscription, secret } = await subscribe('/signed', { kinds: ['appointment'], regions: ['北京市'] });
    const live: NotificationMessage[] = [];
    nc.subscribe(subject(`notify.${subscription.id}`), {
      callback: (error, msg) => error || live.push(notificationMessageSchema.parse(msg.json())),
    });
    await nc.flush();

    await publishFact(appointmentEvent(0, '张三', '北京市'));
    await publishFact(appointmentEvent(1, '李四', '天津市'));
    await publishFact(regulationEvent(2, '北京市', '办法'));
    await waitFor(async () => receiver.at('/signed').length === 1, { description: 'the delivery' });

    const [request] = receiver.at('/signed');
    const verified = new Webhook(secret).verify(request.body, {
      'webhook-id': String(request.headers['webhook-id']),
      'webhook-timestamp': String(request.headers['webhook-timestamp']),
      'webhook-signature': String(request.headers['webhook-signature']),
    }) as NotificationMessage;
    expect(verified.type).toBe('appointment.created');
    expect(verified.data).toMatchObject({ subscription_id: subscription.id, revision: 1, action: 'created' });
    expect(verified.data.fact).toMatchObject({ person: '张三', region: '北京市' });
    expect(request.headers['webhook-id']).toBe(verified.data.notification_id);
    expect(() =>
      new Webhook(secret).verify(request.body.replace('张三', '王五'), {
        'webhook-id': String(request.headers['webhook-id']),
        'webhook-timestamp': String(request.headers['webhook-timestamp']),
        'webhook-signature': String(request.headers['webhook-signature']),
      }),
    ).toThrow();
    await waitFor(async () => live.length === 1, { description: 'the live notification on notify.<id>' });
    expect(live[0].data.notification_id).toBe(verified.data.notification_id);

    // The same fact again (a redelivery, a replay under another message id) notifies nobody.
    const again = appointmentEvent(0, '张三', '北京市');
    await publishFact(again, `${again.id}@replay:r1`);
    await publishFact(appointmentEvent(3, '赵六', '北京市'));
    await waitFor(async () => receiver.at('/signed').length === 2, { description: 'the next fact' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.at('/signed').map((r) => JSON.parse(r.body).data.fact.person)).toEqual(['张三', '赵六']);
    const log = await deliveries(subscription.id);
    expect(log).toHaveLength(2);
    expect(log.every((d: { status: string; attempts: number }) => d.status === 'succeeded' && d.attempts === 1)).toBe(
      true,
    );
  });

  it('gives a resuming stream the notifications recorded since the last one its client saw', async () => {
    const { subscription } = await subscribe('/resume', { people: ['陈三', '褚四'] });
    await publishFact(appointmentEvent(70, '陈三', '北京市'));
    await waitFor(async () => (await deliveries(subscription.id)).length === 1, { description: 'the first' });
    const [first] = await deliveries(subscription.id);
    await publishFact(appointmentEvent(71, '褚四', '北京市'));
    await waitFor(async () => (await deliveries(subscription.id)).length === 2, { description: 'the second' });
    await publishFact(appointmentEvent(72, '陈三', '北京市'));
    await waitFor(async () => (await deliveries(subscription.id)).length === 3, { description: 'the third' });

    const since = await command('subscription.notifications-since', {
      principal: ADMIN,
      subscription_id: subscription.id,
      after: first.id,
    });
    expect(since).toMatchObject({ known: true, truncated: false });
    expect(since.messages.map((m: NotificationMessage) => m.data.fact.document_id.split(':')[1])).toEqual(['71', '72']);
    const truncated = await command('subscription.notifications-since', {
      principal: ADMIN,
      subscription_id: subscription.id,
      after: first.id,
      limit: 1,
    });
    expect(truncated.truncated).toBe(true);
    expect(truncated.messages).toHaveLength(1);
    // Another subscription's notification is nothing to resume from.
    const [other] = await deliveries(
      (await subscribe('/resume-other', { people: ['陈三'] }, { backfill_since: '2000-01-01' })).subscription.id,
    );
    expect(
      await command('subscription.notifications-since', {
        principal: ADMIN,
        subscription_id: subscription.id,
        after: other.id,
      }),
    ).toEqual({ known: false, messages: [], truncated: false });
  });

  it('sends a fact that a later run changes once more, as an update', async () => {
    const { subscription } = await subscribe('/updates', { people: ['孙七'] });
    const first = appointmentEvent(10, '孙七', '北京市');
    await publishFact(first);
    await waitFor(async () => receiver.at('/updates').length === 1, { description: 'the first revision' });

    const changed: AppointmentRecordedPayload = { ...first.payload, notes: ['试用期一年'], pipeline_version: 'test-2' };
    const envelope = makeEnvelope(SUBJECTS.appointmentRecorded, changed, {
      id: eventMessageId(SUBJECTS.appointmentRecorded, changed, 'r2'),
      correlationId: 'replay:r2',
      producer: 'appointments',
    });
    await publishFact(envelope);
    // A new parser version alone is no change.
    const versionOnly = { ...changed, pipeline_version: 'test-3' };
    await publishFact(
      makeEnvelope(SUBJECTS.appointmentRecorded, versionOnly, {
        id: eventMessageId(SUBJECTS.appointmentRecorded, versionOnly, 'r3'),
        correlationId: 'replay:r3',
        producer: 'appointments',
      }),
    );
    await waitFor(async () => receiver.at('/updates').length === 2, { description: 'the update' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const bodies = receiver.at('/updates').map((r) => JSON.parse(r.body) as NotificationMessage);
    expect(bodies.map((b) => [b.type, b.data.revision])).toEqual([
      ['appointment.created', 1],
      ['appointment.updated', 2],
    ]);
    expect(bodies[0].data.fact_id).toBe(bodies[1].data.fact_id);
    expect(await deliveries(subscription.id)).toHaveLength(2);
  });

  it('retries a receiver that answers 500 along the schedule, then marks the delivery failed with its log', async () => {
    receiver.answer = (request) => (request.path === '/broken' ? { status: 500 } : { status: 200 });
    const { subscription } = await subscribe('/broken', { people: ['周八'] });
    await publishFact(appointmentEvent(20, '周八', '北京市'));
    await waitFor(async () => (await deliveries(subscription.id, 'failed')).length === 1, {
      description: 'the delivery to fail',
      timeoutMs: 10_000,
    });
    const attempts = receiver.at('/broken');
    expect(attempts).toHaveLength(SCHEDULE_MS.length);
    expect(new Set(attempts.map((a) => a.headers['webhook-id'])).size).toBe(1);
    // Waited as the schedule says between attempts.
    expect(attempts[1].receivedAt - attempts[0].receivedAt).toBeGreaterThanOrEqual(SCHEDULE_MS[1] - 20);
    const [failed] = await deliveries(subscription.id, 'failed');
    const detail = await command('delivery.get', { principal: ADMIN, delivery_id: failed.id });
    expect(detail).toMatchObject({ status: 'failed', attempts: 3, last_status_code: 500 });
    expect(detail.attempt_log.map((a: { status_code: number }) => a.status_code)).toEqual([500, 500, 500]);
    const subscriptionNow = await command('subscription.get', { principal: ADMIN, subscription_id: subscription.id });
    expect(subscriptionNow.webhook.failing_since).not.toBeNull();

    // Mended receiver, manual redelivery: delivered, and the run of failures is over.
    receiver.answer = () => ({ status: 204 });
    await command('delivery.redeliver', { principal: ADMIN, delivery_id: failed.id });
    await waitFor(async () => (await deliveries(subscription.id, 'succeeded')).length === 1, {
      description: 'the redelivery',
    });
    expect(receiver.at('/broken')).toHaveLength(4);
    const mended = await command('subscription.get', { principal: ADMIN, subscription_id: subscription.id });
    expect(mended.webhook.failing_since).toBeNull();
  });

  it('delivers once to a receiver that was down for a while, when it is back', async () => {
    const down = new WebhookReceiver();
    await down.start();
    const url = down.url('/later');
    await down.stop();
    const { subscription } = await command('subscription.create', {
      principal: ADMIN,
      subscriber_id: subscriberId,
      name: 'down for a while',
      filter: { people: ['吴九'] },
      webhook: { url },
    });
    await publishFact(appointmentEvent(30, '吴九', '北京市'));
    await waitFor(
      async () => {
        const [delivery] = await deliveries(subscription.id);
        return delivery?.attempts >= 1 && delivery.status === 'pending';
      },
      { description: 'a failed first attempt' },
    );
    await down.start();
    await waitFor(async () => (await deliveries(subscription.id, 'succeeded')).length === 1, {
      description: 'the delivery once the receiver is back',
    });
    expect(down.at('/later')).toHaveLength(1);
    await down.stop();
  });

  it('honours Retry-After and disables an endpoint that answers 410 Gone', async () => {
    let calls = 0;
    receiver.answer = (request) => {
      if (request.path !== '/slow') return { status: 200 };
      calls += 1;
      return calls === 1 ? { status: 503, headers: { 'retry-after': '1' } } : { status: 410 };
    };
    const { subscription } = await subscribe('/slow', { people: ['郑十'] });
    await publishFact(appointmentEvent(40, '郑十', '北京市'));
    await waitFor(async () => (await deliveries(subscription.id, 'failed')).length === 1, {
      description: 'the 410',
      timeoutMs: 10_000,
    });
    const [first, second] = receiver.at('/slow');
    expect(second.receivedAt - first.receivedAt).toBeGreaterThanOrEqual(950);
    const gone = await command('subscription.get', { principal: ADMIN, subscription_id: subscription.id });
    expect(gone.webhook).toMatchObject({ status: 'disabled' });
    expect(gone.webhook.disabled_reason).toMatch(/410/);

    // Later notifications are not attempted while the endpoint is disabled.
    await publishFact(appointmentEvent(41, '郑十', '北京市'));
    await waitFor(async () => (await deliveries(subscription.id, 'failed')).length === 2, {
      description: 'the next notification to be set aside',
    });
    expect(receiver.at('/slow')).toHaveLength(2);
    const [latest] = await deliveries(subscription.id);
    expect(latest.last_error).toMatch(/disabled/);
  });

  it('disables an endpoint that has not had a successful delivery for days, with the reason', async () => {
    receiver.answer = (request) => (request.path === '/dead' ? { status: 500 } : { status: 200 });
    const { subscription } = await subscribe('/dead', { people: ['冯二'] });
    // Its run of failures began six days ago (WEBHOOK_DISABLE_AFTER defaults to five).
    await app
      .get(DataSource)
      .query(`UPDATE subscription SET webhook_failing_since = now() - interval '6 days' WHERE id = $1`, [
        subscription.id,
      ]);
    await publishFact(appointmentEvent(60, '冯二', '北京市'));
    await waitFor(
      async () =>
        (await command('subscription.get', { principal: ADMIN, subscription_id: subscription.id })).webhook.status ===
        'disabled',
      { description: 'the endpoint to be disabled' },
    );
    const disabled = await command('subscription.get', { principal: ADMIN, subscription_id: subscription.id });
    expect(disabled.webhook.disabled_reason).toMatch(/^no successful delivery since \d{4}-\d{2}-\d{2}T/);
    expect(disabled.webhook.disabled_at).not.toBeNull();
    await waitFor(async () => (await deliveries(subscription.id, 'failed')).length === 1, {
      description: 'the pending delivery to be set aside',
    });
    expect(receiver.at('/dead')).toHaveLength(1);

    // Sending it again while the endpoint is disabled is refused, rather than queued to be dropped.
    const [failedWhileDisabled] = await deliveries(subscription.id, 'failed');
    expect(await rpc('delivery.redeliver', { principal: ADMIN, delivery_id: failedWhileDisabled.id })).toMatchObject({
      ok: false,
      error: { status: 409, message: expect.stringMatching(/no active webhook/) },
    });

    // An operator turns it back on (here with its URL given again as well); the failed delivery can
    // then be sent again by hand.
    receiver.answer = () => ({ status: 200 });
    const enabled = await command('subscription.update', {
      principal: ADMIN,
      subscription_id: subscription.id,
      webhook: { url: receiver.url('/dead') },
      enable_webhook: true,
    });
    expect(enabled.webhook).toMatchObject({ status: 'active', disabled_reason: null, failing_since: null });
    const [failed] = await deliveries(subscription.id, 'failed');
    await command('delivery.redeliver', { principal: ADMIN, delivery_id: failed.id });
    await waitFor(async () => (await deliveries(subscription.id, 'succeeded')).length === 1, {
      description: 'the redelivery',
    });
  });

  it('keeps delivering to other endpoints while one endpoint hangs with a backlog', async () => {
    receiver.answer = (request) => (request.path === '/hang' ? { hang: true } : { status: 200 });
    await subscribe('/hang', { people: ['甲一'] });
    const { subscription: fast } = await subscribe('/fast', { people: ['乙二'] });
    for (let i = 0; i < 20; i++) await publishFact(appointmentEvent(100 + i, '甲一', '北京市'));
    await waitFor(async () => receiver.at('/hang').length >= 8, {
      description: 'the hanging endpoint to fill its share',
    });
    const published = Date.now();
    await publishFact(appointmentEvent(120, '乙二', '北京市'));
    await waitFor(async () => receiver.at('/fast').length === 1, { description: 'the other endpoint’s delivery' });
    // Well inside the hanging attempts' 4 s timeout: they did not hold every slot (WEBHOOK_CONCURRENCY
    // 32, a quarter of them at most for one endpoint).
    expect(receiver.at('/fast')[0].receivedAt - published).toBeLessThan(2_500);
    expect((await deliveries(fast.id, 'succeeded')).length).toBe(1);
  });

  it('keeps the previous secret signing during a rotation', async () => {
    const { subscription, secret: old } = await subscribe('/rotated', { people: ['钱一'] });
    const rotation = await command('subscription.rotate-secret', {
      principal: ADMIN,
      subscription_id: subscription.id,
    });
    expect(rotation.secret).toMatch(/^whsec_/);
    expect(rotation.secret).not.toBe(old);
    await publishFact(appointmentEvent(50, '钱一', '北京市'));
    await waitFor(async () => receiver.at('/rotated').length === 1, { description: 'the delivery' });
    const [request] = receiver.at('/rotated');
    const headers = {
      'webhook-id': String(request.headers['webhook-id']),
      'webhook-timestamp': String(request.headers['webhook-timestamp']),
      'webhook-signature': String(request.headers['webhook-signature']),
    };
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(() => new Webhook(old).verify(request.body, headers)).not.toThrow();
    expect(() => new Webhook(rotation.secret).verify(request.body, headers)).not.toThrow();

    // A subscription without a webhook has its secret too, for the webhook it may get later.
    const feedOnly = await command('subscription.create', {
      principal: ADMIN,
      subscriber_id: subscriberId,
      name: 'feed',
    });
    expect(feedOnly.secret).toMatch(/^whsec_/);
    const rotated = await command('subscription.rotate-secret', {
      principal: ADMIN,
      subscription_id: feedOnly.subscription.id,
    });
    expect(rotated.secret).not.toBe(feedOnly.secret);
  });

  it('backfills the stored facts a new subscription matches since a date', async () => {
    const { subscription, backfilled } = await subscribe(
      '/backfill',
      { kinds: ['appointment'], people: ['张三', '赵六'] },
      { backfill_since: '2020-01-01' },
    );
    expect(backfilled).toBe(2);
    await waitFor(async () => receiver.at('/backfill').length === 2, { description: 'the backfilled deliveries' });
    expect(
      receiver
        .at('/backfill')
        .map((r) => JSON.parse(r.body).data.fact.person)
        .sort(),
    ).toEqual(['张三', '赵六']);
    expect(await deliveries(subscription.id)).toHaveLength(2);
  });

  it('refuses invalid filters, private webhook addresses and other subscribers’ subscriptions', async () => {
    const invalid = await nc.request(
      subject('rpc.notification.subscription.create'),
      new TextEncoder().encode(
        JSON.stringify({ principal: ADMIN, subscriber_id: subscriberId, name: 'x', filter: { regions: [] } }),
      ),
      { timeout: 5_000 },
    );
    expect(invalid.json<RpcReply>()).toMatchObject({ ok: false, permanent: true });

    const privateHook = await rpc('subscription.create', {
      principal: ADMIN,
      subscriber_id: subscriberId,
      name: 'internal',
      webhook: { url: 'http://10.1.2.3/hook' },
    });
    expect(privateHook).toMatchObject({ ok: false, error: { status: 400 } });
    expect(privateHook.error.message).toMatch(/private/);

    const other = (await command('subscriber.create', { principal: ADMIN, name: 'other' })).subscriber.id;
    const mine = await command('subscription.create', {
      principal: { role: 'subscriber', subscriber_id: subscriberId },
      name: 'mine',
    });
    const asOther = { role: 'subscriber' as const, subscriber_id: other };
    expect(await rpc('subscription.get', { principal: asOther, subscription_id: mine.subscription.id })).toMatchObject({
      ok: false,
      error: { status: 404 },
    });
    expect((await command('subscription.list', { principal: asOther })).total).toBe(0);
    expect(await rpc('subscriber.list', { principal: asOther })).toMatchObject({ ok: false, error: { status: 403 } });
  });
});
