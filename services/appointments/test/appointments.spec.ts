import type { INestMicroservice } from '@nestjs/common';
import {
  SUBJECTS,
  eventMessageId,
  makeEnvelope,
  parseEnvelope,
  parseRpcReply,
  appointmentId,
  type DocumentExtractedPayload,
  type RpcName,
  type RpcReply,
  type RpcRequest,
} from '@gazette-watch/contracts';
import { EventPublisher, JetStreamClient, Namespace, PermanentError } from '@gazette-watch/messaging';
import { loadConfig } from '@gazette-watch/config';
import {
  TEST_INFRASTRUCTURE_TIMEOUT_MS,
  createTemplateDatabase,
  createTestDatabase,
  createTestNamespace,
  migrationFingerprint,
  natsConnectionOptions,
  releaseTestInfrastructure,
  testInfrastructure,
  waitFor,
  withClient,
  type TestDatabase,
  type TestNamespace,
} from '@gazette-watch/testing';
import { connect, type JetStreamManager, type NatsConnection } from 'nats';
import { lastValueFrom } from 'rxjs';
import { createAppointmentsApp, migrateAppointments } from '../src/appointments.app';
import { appointmentsConfigSchema } from '../src/appointments.config';
import { APPOINTMENTS_MIGRATIONS } from '../src/migrations';
import { PIPELINE_VERSION, documentOf, lvliangGazette } from './lvliang-gazette.fixture';

const gazette = lvliangGazette();
const RECORDS = 37;

/** One running service with its own database and namespace. */
interface Deployment {
  app: INestMicroservice;
  database: TestDatabase;
  testNamespace: TestNamespace;
  ns: Namespace;
  publisher: EventPublisher;
  client: JetStreamClient;
  published: number;
}

describe('appointments service (PostgreSQL + NATS)', () => {
  const deployments: Deployment[] = [];
  let natsUrl: string;
  let template: string;
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  let forward: Deployment;

  async function deploy(): Promise<Deployment> {
    const database = await createTestDatabase({ template });
    const testNamespace = createTestNamespace();
    const config = loadConfig(appointmentsConfigSchema, {
      HTTP_PORT: '0',
      DATABASE_URL: database.url,
      NATS_URL: natsUrl,
      NATS_SUBJECT_PREFIX: testNamespace.subjectPrefix,
      NATS_STREAM_PREFIX: testNamespace.streamPrefix,
      LOG_LEVEL: process.env.TEST_LOGS ? 'info' : 'fatal',
      // The template is migrated; booting checks that nothing is pending and applies nothing.
      MIGRATE_ON_BOOT: 'true',
    });
    const ns = new Namespace(testNamespace.subjectPrefix, testNamespace.streamPrefix);
    const app = await createAppointmentsApp(config);
    const deployment: Deployment = {
      app,
      database,
      testNamespace,
      ns,
      publisher: new EventPublisher(nc.jetstream(), ns),
      client: new JetStreamClient({
        servers: natsUrl,
        namespace: ns,
        service: 'appointments',
        requestTimeoutMs: 5_000,
      }),
      published: 0,
    };
    deployments.push(deployment);
    await app.listen();
    return deployment;
  }

  /** Publishes `document.extracted` events; a replay run gives them new message ids (a redelivery). */
  async function publish(d: Deployment, payloads: readonly DocumentExtractedPayload[], replayRun?: string) {
    for (const payload of payloads) {
      const envelope = makeEnvelope(SUBJECTS.documentExtracted, payload, {
        id: eventMessageId(SUBJECTS.documentExtracted, payload, replayRun),
        correlationId: `test-${replayRun ?? 'first'}`,
        producer: 'extraction',
      });
      const ack = await d.publisher.publish(SUBJECTS.documentExtracted, envelope);
      expect(ack.duplicate).toBe(false);
      d.published++;
    }
  }

  /** Every published document handled and acked. */
  async function settled(d: Deployment): Promise<void> {
    await waitFor(
      async () => {
        const info = await jsm.consumers.info(d.ns.stream('DOCUMENTS'), 'appointments');
        return info.num_pending === 0 && info.num_ack_pending === 0 && info.ack_floor.stream_seq >= d.published;
      },
      { description: `${d.published} document.extracted events acked`, timeoutMs: 30_000 },
    );
  }

  function sql<T>(d: Deployment, text: string, params: unknown[] = []): Promise<T[]> {
    return withClient(d.database.url, async (client) => (await client.query(text, params)).rows as T[]);
  }

  async function count(d: Deployment, table: string): Promise<number> {
    const [row] = await sql<{ n: number }>(d, `SELECT count(*)::int AS n FROM appointments.${table}`);
    return row.n;
  }

  async function factsCount(d: Deployment): Promise<number> {
    return (await jsm.streams.info(d.ns.stream('FACTS'))).state.messages;
  }

  async function rpc<N extends RpcName>(d: Deployment, name: N, request: RpcRequest<N> | object): Promise<RpcReply<N>> {
    return parseRpcReply(name, await lastValueFrom(d.client.send(name, request)));
  }

  /** The tenure table without its timestamps, in a fixed order, for comparing deployments. */
  function tenures(d: Deployment) {
    return sql<Record<string, unknown>>(
      d,
      `SELECT tenure_id, person, post_key, organisation, organisation_full, title, start, "end", status,
              start_document_id, end_document_id, predecessor_id, successor_id, evidence
       FROM appointments.tenure ORDER BY tenure_id`,
    );
  }

  beforeAll(async () => {
    const infrastructure = await testInfrastructure();
    natsUrl = infrastructure.natsUrl;
    template = await createTemplateDatabase(
      'gw_tpl_appointments',
      async (url) => {
        await migrateAppointments(url);
      },
      { fingerprint: migrationFingerprint(APPOINTMENTS_MIGRATIONS) },
    );
    nc = await connect(natsConnectionOptions(natsUrl));
    jsm = await nc.jetstreamManager();
    forward = await deploy();
    await publish(forward, gazette.extracted);
    await settled(forward);
  }, TEST_INFRASTRUCTURE_TIMEOUT_MS);

  afterAll(async () => {
    for (const d of deployments) {
      await d.app.close();
      await d.client.close();
      await d.testNamespace.cleanup(natsUrl);
      await d.database.drop();
    }
    await nc?.close();
    await releaseTestInfrastructure();
  }, TEST_INFRASTRUCTURE_TIMEOUT_MS);

  it('stores the 37 records of the three 吕政任 notices as the parser gave them, and nothing for the other documents', async () => {
    expect(gazette.parse.appointments).toHaveLength(RECORDS);
    const rows = await sql<Record<string, unknown>>(
      forward,
      `SELECT appointment_id, document_id, gazette_id, region, person, action, method, position, qualifiers, notes,
              meeting, meeting_date, doc_number, signed_on, confidence, reasons, pipeline_version
       FROM appointments.appointment ORDER BY appointment_id`,
    );
    const expected = gazette.parse.appointments
      .map((record) => {
        const document = documentOf(gazette, record);
        return {
          appointment_id: appointmentId(document, record.person, record.action, record.position),
          document_id: document,
          gazette_id: gazette.gazetteId,
          region: '吕梁市',
          person: record.person,
          action: record.action,
          method: record.method,
          position: record.position,
          qualifiers: record.qualifiers,
          notes: record.notes,
          meeting: record.meeting,
          meeting_date: record.meeting_date,
          doc_number: record.doc_number,
          signed_on: record.signed_on,
          confidence: record.confidence,
          reasons: record.reasons,
          pipeline_version: PIPELINE_VERSION,
        };
      })
      .sort((a, b) => a.appointment_id.localeCompare(b.appointment_id));
    expect(rows).toEqual(expected);
    expect(new Set(rows.map((row) => row.document_id)).size).toBe(3);

    const [post] = await sql<Record<string, unknown>>(
      forward,
      `SELECT post_key, organisation, organisation_full, title, region FROM appointments.post
       WHERE post_key = '吕梁市人民政府副秘书长'`,
    );
    expect(post).toEqual({
      post_key: '吕梁市人民政府副秘书长',
      organisation: '市政府',
      organisation_full: '吕梁市人民政府',
      title: '副秘书长',
      region: '吕梁市',
    });
    const [person] = await sql<Record<string, unknown>>(
      forward,
      `SELECT person_key, name, region, first_seen_on, last_seen_on FROM appointments.person WHERE name = '高博'`,
    );
    expect(person).toEqual({
      person_key: '吕梁市/高博',
      name: '高博',
      region: '吕梁市',
      first_seen_on: '2023-05-19',
      last_seen_on: '2023-05-19',
    });
  });

  it('publishes one appointment.recorded per record, with deterministic ids and the resolved organisation', async () => {
    const stream = forward.ns.stream('FACTS');
    expect(await factsCount(forward)).toBe(RECORDS);
    const events = [];
    for (let seq = 1; seq <= RECORDS; seq++) {
      const message = await jsm.streams.getMessage(stream, { seq });
      const event = parseEnvelope(SUBJECTS.appointmentRecorded, message.json());
      expect(message.subject).toBe(forward.ns.subject(SUBJECTS.appointmentRecorded));
      expect(message.header.get('Nats-Msg-Id')).toBe(`appointment.recorded:${event.payload.appointment_id}`);
      events.push(event);
    }
    const ids = await sql<{ appointment_id: string }>(
      forward,
      'SELECT appointment_id FROM appointments.appointment ORDER BY 1',
    );
    expect(events.map((e) => e.payload.appointment_id).sort()).toEqual(ids.map((row) => row.appointment_id));
    expect(new Set(events.map((e) => e.correlation_id))).toEqual(new Set(['test-first']));
    expect(events.find((e) => e.payload.person === '王吉')?.payload).toMatchObject({
      action: 'remove',
      position: '市政府副秘书长',
      organisation: '吕梁市人民政府',
      region: '吕梁市',
      signed_on: '2023-04-22',
      doc_number: '吕政任〔2023〕4号',
    });
  });

  it('shows the three removed deputy secretaries-general of 吕梁市 as ended holders', async () => {
    const holders = await rpc(forward, 'post.holders', { position: '市政府副秘书长', region: '吕梁市' });
    expect(holders.post_key).toBe('吕梁市人民政府副秘书长');
    expect(holders.current).toEqual([]);
    const [notice4, notice5] = [17, 18].map((index) => gazette.extracted[index].document_id);
    expect(holders.past).toEqual([
      expect.objectContaining({
        person: '王吉',
        start: null,
        end: '2023-04-22',
        status: 'ended',
        end_document_id: notice4,
      }),
      expect.objectContaining({
        person: '吴建军',
        start: null,
        end: '2023-05-19',
        status: 'ended',
        end_document_id: notice5,
      }),
      expect.objectContaining({
        person: '高博',
        start: null,
        end: '2023-05-19',
        status: 'ended',
        end_document_id: notice5,
      }),
    ]);
    // Deputies serve side by side: a removal is nobody's predecessor without an appointment to pair it with.
    expect(holders.past.every((t) => t.predecessor_id === null && t.successor_id === null)).toBe(true);
    expect(holders.past.map((t) => t.organisation)).toEqual(['吕梁市人民政府', '吕梁市人民政府', '吕梁市人民政府']);
  });

  it('links a single-holder post across notices: the 馆长 removed in 4号 is succeeded by the one appointed in 5号', async () => {
    const holders = await rpc(forward, 'post.holders', { post_key: '兴县“四·八”烈士纪念馆馆长' });
    expect(holders.current.map((t) => [t.person, t.start, t.status])).toEqual([['张欣', '2023-05-19', 'current']]);
    expect(holders.past.map((t) => [t.person, t.end, t.status])).toEqual([['李兴平', '2023-04-22', 'ended']]);
    expect(holders.current[0].predecessor_id).toBe(holders.past[0].tenure_id);
    expect(holders.past[0].successor_id).toBe(holders.current[0].tenure_id);
  });

  it('answers person.timeline over RPC', async () => {
    const timeline = await rpc(forward, 'person.timeline', { person: '尹 新明' });
    expect(timeline.person).toBe('尹新明');
    expect(timeline.tenures).toEqual([
      expect.objectContaining({
        person: '尹新明',
        post_key: '吕梁经济技术开发区管委会主任',
        title: '主任',
        start: '2023-04-22',
        end: null,
        status: 'current',
        start_document_id: gazette.extracted[17].document_id,
      }),
    ]);
    const predecessor = await rpc(forward, 'person.timeline', { person: '刘晋萍' });
    expect(predecessor.tenures.map((t) => [t.status, t.end, t.successor_id])).toEqual([
      ['ended', '2023-04-22', timeline.tenures[0].tenure_id],
    ]);
    expect((await rpc(forward, 'person.timeline', { person: '无此人' })).tenures).toEqual([]);
  });

  it('answers appointments.search and appointments.progress over RPC', async () => {
    const deputies = await rpc(forward, 'appointments.search', { organisation: '副秘书长', action: 'remove' });
    expect(deputies.total).toBe(3);
    expect(deputies.items.map((item) => item.person).sort()).toEqual(['吴建军', '王吉', '高博'].sort());
    expect(deputies.items[0]).toMatchObject({ organisation: '吕梁市人民政府', post_key: '吕梁市人民政府副秘书长' });

    const byName = await rpc(forward, 'appointments.search', { person: '王 吉' });
    expect(byName.items.map((item) => [item.person, item.action, item.doc_number])).toEqual([
      ['王吉', 'remove', '吕政任〔2023〕4号'],
    ]);

    const june = await rpc(forward, 'appointments.search', { region: '吕梁市', from: '2023-06-01', to: '2023-06-30' });
    expect(june.items.map((item) => item.person).sort()).toEqual(['刘小军', '岳永进', '杜晓刚'].sort());

    const page = await rpc(forward, 'appointments.search', { limit: 10, offset: 30 });
    expect(page.total).toBe(RECORDS);
    expect(page.items).toHaveLength(7);

    const progress = await rpc(forward, 'appointments.progress', { gazette_id: gazette.gazetteId });
    expect(progress).toMatchObject({
      gazette_id: gazette.gazetteId,
      stage: 'appointments',
      done: RECORDS,
      expected: null,
    });
    expect(progress.updated_at).not.toBeNull();
  });

  it('refuses requests outside the contract as permanent errors', async () => {
    await expect(lastValueFrom(forward.client.send('post.holders', {}))).rejects.toBeInstanceOf(PermanentError);
    await expect(
      lastValueFrom(forward.client.send('appointments.progress', { gazette_id: 'nope' })),
    ).rejects.toBeInstanceOf(PermanentError);
  });

  it('stores and publishes nothing new when the same documents are delivered again', async () => {
    const before = {
      appointment: await count(forward, 'appointment'),
      person: await count(forward, 'person'),
      post: await count(forward, 'post'),
      tenure: await tenures(forward),
    };
    await publish(forward, gazette.extracted, 'redelivery');
    await settled(forward);
    expect(await count(forward, 'appointment')).toBe(before.appointment);
    expect(await count(forward, 'person')).toBe(before.person);
    expect(await count(forward, 'post')).toBe(before.post);
    expect(await tenures(forward)).toEqual(before.tenure);
    // Same appointment ids, so the same message ids: JetStream dropped every republished event.
    expect(await factsCount(forward)).toBe(RECORDS);
  }, 60_000);

  it('derives the same tenures when the notices arrive in reverse order', async () => {
    const reverse = await deploy();
    await publish(reverse, [...gazette.extracted].reverse());
    await settled(reverse);
    expect(await count(reverse, 'appointment')).toBe(RECORDS);
    expect(await tenures(reverse)).toEqual(await tenures(forward));
  }, 60_000);

  it('dead-letters a document.extracted whose payload breaks the contract', async () => {
    const broken = {
      type: SUBJECTS.documentExtracted,
      version: 1,
      id: 'document.extracted:broken',
      correlation_id: 'test-broken',
      occurred_at: new Date().toISOString(),
      producer: 'extraction',
      payload: { document_id: 'not-a-document' },
    };
    await forward.publisher.publish(SUBJECTS.documentExtracted, broken);
    forward.published++;
    await settled(forward);
    const [letter] = await sql<Record<string, unknown>>(
      forward,
      'SELECT service, subject, reason, deliveries FROM appointments.dead_letter',
    );
    expect(letter).toEqual({
      service: 'appointments',
      subject: 'document.extracted',
      reason: 'invalid_payload',
      deliveries: 1,
    });
    expect(await count(forward, 'appointment')).toBe(RECORDS);
  });
});
