import { loadConfig } from '@gazette-watch/config';
import { parseEnvelope, type EventEnvelope } from '@gazette-watch/contracts';
import type { RpcReply } from '@gazette-watch/messaging';
import { DeadLetterEntity } from '@gazette-watch/persistence';
import {
  createTestNamespace,
  natsConnectionOptions,
  releaseTestInfrastructure,
  testInfrastructure,
  waitFor,
  TEST_INFRASTRUCTURE_TIMEOUT_MS,
  type TestDatabase,
  type TestNamespace,
} from '@gazette-watch/testing';
import type { INestMicroservice } from '@nestjs/common';
import { connect, type JetStreamClient, type JetStreamManager, type Msg, type NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import { NotificationEventEntity } from '../src/entities/notification-event.entity';
import { createNotificationApp } from '../src/notification.app';
import { notificationConfigSchema } from '../src/notification.config';

import { notificationTestDatabase, appointmentEvent, GAZETTE_ID, regulationEvent } from './notification-fixtures';

jest.setTimeout(30_000);

const encoder = new TextEncoder();

interface Received {
  subject: string;
  envelope: EventEnvelope<unknown>;
}

describe('notification service (PostgreSQL + NATS)', () => {
  let database: TestDatabase;
  let namespace: TestNamespace;
  let natsUrl: string;
  let nc: NatsConnection;
  let js: JetStreamClient;
  let jsm: JetStreamManager;
  let app: INestMicroservice;
  let dataSource: DataSource;
  const publicMessages: Received[] = [];

  const subject = (logical: string) => namespace.subjectPrefix + logical;

  function collect(msg: Msg): void {
    publicMessages.push({ subject: msg.subject, envelope: msg.json<EventEnvelope<unknown>>() });
  }

  /** Publishes raw bytes into the FACTS stream with the given message id. */
  async function publishFact(logicalSubject: string, body: unknown, msgID: string): Promise<void> {
    const data = typeof body === 'string' ? encoder.encode(body) : encoder.encode(JSON.stringify(body));
    await js.publish(subject(logicalSubject), data, { msgID });
  }

  /** Every message so far was delivered and acked (or terminated), then the public side caught up. */
  async function settled(expectedStreamSeq: number): Promise<void> {
    await waitFor(
      async () => {
        const info = await jsm.consumers.info(`${namespace.streamPrefix}FACTS`, 'notification');
        return info.num_pending === 0 && info.num_ack_pending === 0 && info.delivered.stream_seq >= expectedStreamSeq;
      },
      { description: `the notification consumer to settle at stream sequence ${expectedStreamSeq}`, timeoutMs: 15_000 },
    );
    // A flush returns after every message the server routed to this connection before it.
    await nc.flush();
  }

  const byId =
    <T>(id: (item: T) => string) =>
    (a: T, b: T) =>
      id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0;
  const rows = async () =>
    (await dataSource.getRepository(NotificationEventEntity).find()).sort(byId((row) => row.eventId));

  beforeAll(async () => {
    ({ natsUrl } = await testInfrastructure());
    database = await notificationTestDatabase();
    namespace = createTestNamespace();
    nc = await connect(natsConnectionOptions(natsUrl));
    js = nc.jetstream();
    jsm = await nc.jetstreamManager();
    nc.subscribe(subject('events.appointment.>'), { callback: (error, msg) => error || collect(msg) });
    nc.subscribe(subject('events.regulation.>'), { callback: (error, msg) => error || collect(msg) });

    const config = loadConfig(notificationConfigSchema, {
      HTTP_PORT: '0',
      DATABASE_URL: database.url,
      NATS_URL: natsUrl,
      NATS_SUBJECT_PREFIX: namespace.subjectPrefix,
      NATS_STREAM_PREFIX: namespace.streamPrefix,
      MIGRATE_ON_BOOT: 'true',
    });
    app = await createNotificationApp(config, {
      logger: process.env.TEST_LOGS ? undefined : false,
      transport: { ackWaitMs: 5_000, nakDelayMs: 50, maxNakDelayMs: 200, pullExpiresMs: 5_000, closeTimeoutMs: 5_000 },
    });
    await app.listen();
    dataSource = app.get(DataSource);
  }, TEST_INFRASTRUCTURE_TIMEOUT_MS);

  afterAll(async () => {
    await app?.close();
    await nc?.close();
    await namespace?.cleanup(natsUrl);
    await database?.drop();
    await releaseTestInfrastructure();
  }, TEST_INFRASTRUCTURE_TIMEOUT_MS);

  const firstAppointment = appointmentEvent(0, '张三', '北京市');
  const secondAppointment = appointmentEvent(0, '李四', '上海市');
  const regulation = regulationEvent(1, '北京市', '通知');

  it('records each fact once and announces it once on the public hierarchy', async () => {
    await publishFact('appointment.recorded', firstAppointment, firstAppointment.id);
    await publishFact('appointment.recorded', secondAppointment, secondAppointment.id);
    await publishFact('regulation.published', regulation, regulation.id);

    await settled(3);
    const stored = await rows();
    expect(stored.map((row) => [row.eventId, row.kind, row.region, row.docType, row.subject])).toEqual(
      [
        [firstAppointment.id, 'appointment', '北京市', null, 'events.appointment.北京市'],
        [secondAppointment.id, 'appointment', '上海市', null, 'events.appointment.上海市'],
        [regulation.id, 'regulation', '北京市', '通知', 'events.regulation.北京市.通知'],
      ].sort(byId((row) => String(row[0]))),
    );
    const appointmentRow = stored.find((row) => row.eventId === firstAppointment.id);
    expect(appointmentRow).toMatchObject({
      gazetteId: GAZETTE_ID,
      documentId: `${GAZETTE_ID}:0`,
      payload: firstAppointment.payload,
      correlationId: 'corr-张三',
    });

    await waitFor(async () => publicMessages.length >= 3, { description: 'three public messages' });
    expect(publicMessages.map((m) => m.subject).sort()).toEqual(
      [
        subject('events.appointment.上海市'),
        subject('events.appointment.北京市'),
        subject('events.regulation.北京市.通知'),
      ].sort(),
    );
    const announced = publicMessages.find((m) => m.envelope.id === firstAppointment.id);
    // Clients can check what they receive with the same contract.
    expect(parseEnvelope('appointment.recorded', announced?.envelope)).toMatchObject({
      id: firstAppointment.id,
      correlation_id: 'corr-张三',
      producer: 'notification',
      payload: firstAppointment.payload,
    });
  });

  it('neither records nor announces a fact again when it is republished or replayed', async () => {
    await publishFact('appointment.recorded', firstAppointment, `${firstAppointment.id}#again`);
    await publishFact('regulation.published', regulation, `${regulation.id}#again`);
    const replay = { ...secondAppointment, id: `${secondAppointment.id}@replay:run1` };
    await publishFact('appointment.recorded', replay, replay.id);

    await settled(6);
    expect(await rows()).toHaveLength(3);
    expect(publicMessages).toHaveLength(3);
  });

  it('dead-letters a malformed fact with its reason and goes on with the next', async () => {
    const broken = { ...appointmentEvent(2, '王五', '北京市'), payload: { person: '王五' } };
    await publishFact('appointment.recorded', broken, 'broken-1');
    await publishFact('regulation.published', '{"type": "regulation.published", ', 'broken-2');
    const next = regulationEvent(3, '天津市', '办法');
    await publishFact('regulation.published', next, next.id);

    await settled(9);
    const deadLetters = await dataSource.getRepository(DeadLetterEntity).find({ order: { streamSeq: 'ASC' } });
    expect(deadLetters.map((d) => [d.service, d.subject, d.streamSeq, d.reason])).toEqual([
      ['notification', 'appointment.recorded', 7, 'invalid_payload'],
      ['notification', 'regulation.published', 8, 'malformed_json'],
    ]);
    expect(deadLetters[0].error).toContain('payload.appointment_id');
    expect(deadLetters[0].data).toContain('王五');

    expect((await rows()).map((row) => row.eventId)).toContain(next.id);
    await waitFor(async () => publicMessages.length === 4, { description: 'the next fact to be announced' });
    expect(publicMessages[3].subject).toBe(subject('events.regulation.天津市.办法'));
  });

  it("answers notification.progress with the gazette's announced facts", async () => {
    const reply = await nc.request(
      subject('rpc.notification.notification.progress'),
      encoder.encode(JSON.stringify({ gazette_id: GAZETTE_ID })),
      { timeout: 5_000 },
    );
    const answer = reply.json<RpcReply>();
    expect(answer).toEqual({
      ok: true,
      data: { gazette_id: GAZETTE_ID, stage: 'notification', done: 4, expected: null, updated_at: expect.any(String) },
    });

    const unknown = await nc.request(
      subject('rpc.notification.notification.progress'),
      encoder.encode(JSON.stringify({ gazette_id: '0'.repeat(64) })),
      { timeout: 5_000 },
    );
    expect(unknown.json<RpcReply>()).toEqual({
      ok: true,
      data: { gazette_id: '0'.repeat(64), stage: 'notification', done: 0, expected: null, updated_at: null },
    });

    const invalid = await nc.request(
      subject('rpc.notification.notification.progress'),
      encoder.encode(JSON.stringify({ gazette_id: 'nope' })),
      { timeout: 5_000 },
    );
    expect(invalid.json<RpcReply>()).toMatchObject({
      ok: false,
      permanent: true,
      error: expect.stringContaining('gazette_id'),
    });
  });
});
