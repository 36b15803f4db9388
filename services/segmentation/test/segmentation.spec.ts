import { loadConfig } from '@gazette-watch/config';
import {
  GAZETTE_FETCH,
  GAZETTE_FETCH_SERVICE,
  SUBJECTS,
  eventMessageId,
  gazetteId,
  makeEnvelope,
  parseEnvelope,
  rpcSubject,
  type DocumentSummary,
  type EventEnvelope,
  type GazetteIngestedPayload,
  type RpcName,
  type RpcReply,
  type RpcRequest,
} from '@gazette-watch/contracts';
import type { RpcReply as WireReply } from '@gazette-watch/messaging';
import { PARSER_VERSION, parseGazette, type GazetteParse } from '@gazette-watch/parser';
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
} from '@gazette-watch/testing';
import type { INestMicroservice } from '@nestjs/common';
import { connect, type ConsumerInfo, type JetStreamManager, type NatsConnection, type Subscription } from 'nats';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  SEGMENTATION_MIGRATIONS,
  createSegmentationApp,
  openSegmentationDatabase,
  segmentationConfigSchema,
} from '../src/index';

jest.setTimeout(30_000);

const SAMPLES = join(__dirname, '../../../samples/gazettes');
const lvliang = new Uint8Array(readFileSync(join(SAMPLES, 'lvliang-2023.txt')));
const fenyang = new Uint8Array(readFileSync(join(SAMPLES, 'fenyang-2023-4.txt')));
// Only whitespace: the parser refuses it as empty, whatever the number of retries.
const blank = new TextEncoder().encode(' \n\t\n ');
const lvliangParse = parseGazette(lvliang);
const lvliangId = gazetteId(lvliang);
const fenyangId = gazetteId(fenyang);
const encoder = new TextEncoder();
const decoder = new TextDecoder();

function ingestedEvent(bytes: Uint8Array, fileName: string): EventEnvelope<GazetteIngestedPayload> {
  const id = gazetteId(bytes);
  const payload: GazetteIngestedPayload = {
    gazette_id: id,
    sha256: id,
    byte_length: bytes.byteLength,
    file_name: fileName,
    media_type: 'text/plain',
    source: {},
    stored_at: new Date().toISOString(),
  };
  return makeEnvelope(SUBJECTS.gazetteIngested, payload, {
    id: eventMessageId(SUBJECTS.gazetteIngested, payload),
    correlationId: `test-${fileName}`,
    producer: 'ingestion',
  });
}

describe('segmentation service (PostgreSQL + NATS)', () => {
  const ns = createTestNamespace();
  let natsUrl: string;
  let db: TestDatabase;
  let app: INestMicroservice;
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  let ingestion: Subscription | undefined;

  /** The ingestion service's side of `gazette.fetch`, serving the given gazettes. */
  async function startIngestionStandIn(gazettes: Uint8Array[]): Promise<Subscription> {
    const byId = new Map(gazettes.map((bytes) => [gazetteId(bytes), bytes]));
    const subscription = nc.subscribe(ns.subjectPrefix + rpcSubject(GAZETTE_FETCH_SERVICE, GAZETTE_FETCH), {
      callback: (error, msg) => {
        if (error) return;
        const { gazette_id } = JSON.parse(decoder.decode(msg.data)) as { gazette_id: string };
        const bytes = byId.get(gazette_id);
        const reply: WireReply = bytes
          ? { ok: true, data: { gazette_id, bytes_base64: Buffer.from(bytes).toString('base64') } }
          : { ok: false, error: `no gazette ${gazette_id}`, permanent: true };
        msg.respond(encoder.encode(JSON.stringify(reply)));
      },
    });
    await nc.flush();
    return subscription;
  }

  async function publishIngested(event: EventEnvelope<GazetteIngestedPayload>, msgId = event.id) {
    return nc.jetstream().publish(ns.subjectPrefix + SUBJECTS.gazetteIngested, encoder.encode(JSON.stringify(event)), {
      msgID: msgId,
    });
  }

  async function ask<N extends RpcName>(name: N, data: RpcRequest<N> | Record<string, unknown>): Promise<RpcReply<N>> {
    const answer = await nc.request(
      ns.subjectPrefix + rpcSubject('segmentation', name),
      encoder.encode(JSON.stringify(data)),
      {
        timeout: 5_000,
      },
    );
    const reply = answer.json<WireReply<RpcReply<N>>>();
    if (!reply.ok) throw new Error(`${name} refused: ${reply.error}`);
    return reply.data;
  }

  function consumer(): Promise<ConsumerInfo> {
    return jsm.consumers.info(`${ns.streamPrefix}GAZETTES`, 'segmentation');
  }

  /** Every delivered gazette.ingested acked or terminated, at least `published` of them. */
  function consumerSettled(published: number) {
    return async () => {
      const info = await consumer();
      return info.num_pending === 0 && info.num_ack_pending === 0 && info.delivered.stream_seq >= published;
    };
  }

  async function streamMessages(stream: string, subject: string) {
    const name = ns.streamPrefix + stream;
    const { state } = await jsm.streams.info(name);
    const messages: { msgId: string | undefined; envelope: unknown }[] = [];
    for (let seq = state.first_seq; seq <= state.last_seq && state.messages > 0; seq++) {
      const message = await jsm.streams.getMessage(name, { seq });
      if (message.subject === ns.subjectPrefix + subject) {
        messages.push({ msgId: message.header.get('Nats-Msg-Id') || undefined, envelope: message.json() });
      }
    }
    return messages;
  }

  function documentRows(gazette: string) {
    return withClient(db.url, async (client) => {
      const result = await client.query<{ index: number; title: string; doc_number: string | null }>(
        `SELECT "index", title, doc_number FROM segmentation.document WHERE gazette_id = $1 ORDER BY "index"`,
        [gazette],
      );
      return result.rows;
    });
  }

  beforeAll(async () => {
    ({ natsUrl } = await testInfrastructure());
    const template = await createTemplateDatabase(
      'gw_tmpl_segmentation',
      async (url) => (await openSegmentationDatabase(url, { migrate: true })).destroy(),
      { fingerprint: migrationFingerprint(SEGMENTATION_MIGRATIONS) },
    );
    db = await createTestDatabase({ template });
    nc = await connect(natsConnectionOptions(natsUrl));
    jsm = await nc.jetstreamManager();
    const config = loadConfig(segmentationConfigSchema, {
      HTTP_PORT: '0',
      DATABASE_URL: db.url,
      NATS_URL: natsUrl,
      NATS_SUBJECT_PREFIX: ns.subjectPrefix,
      NATS_STREAM_PREFIX: ns.streamPrefix,
      MAX_DELIVER: '10',
      RETRY_DELAY_MS: '50',
      FETCH_TIMEOUT_MS: '2000',
      LOG_LEVEL: 'error',
    });
    app = await createSegmentationApp(config);
    await app.listen();
  }, TEST_INFRASTRUCTURE_TIMEOUT_MS);

  afterAll(async () => {
    ingestion?.unsubscribe();
    await app?.close();
    await nc?.close();
    if (natsUrl) await ns.cleanup(natsUrl);
    await db?.drop();
    await releaseTestInfrastructure();
  }, TEST_INFRASTRUCTURE_TIMEOUT_MS);

  it('segments an ingested gazette into the parser’s documents and announces each one', async () => {
    ingestion = await startIngestionStandIn([lvliang, blank]);
    await publishIngested(ingestedEvent(lvliang, 'lvliang-2023.txt'));

    const rows = await waitFor(
      async () => {
        const found = await documentRows(lvliangId);
        return found.length === lvliangParse.documents.length && found;
      },
      { description: 'the lvliang documents', timeoutMs: 15_000 },
    );
    expect(lvliangParse.documents).toHaveLength(20);
    expect(rows).toEqual(
      lvliangParse.documents.map((d, index) => ({ index, title: d.title, doc_number: d.doc_number })),
    );

    await waitFor(consumerSettled(1), { description: 'the event to be acked', timeoutMs: 15_000 });
    const segmented = await streamMessages('DOCUMENTS', SUBJECTS.documentSegmented);
    expect(segmented).toHaveLength(20);
    const envelopes = segmented.map((m) => parseEnvelope(SUBJECTS.documentSegmented, m.envelope));
    expect(segmented.map((m) => m.msgId)).toEqual(
      lvliangParse.documents.map((_, index) => `document.segmented:${lvliangId}:${index}`),
    );
    expect(envelopes.every((e) => e.correlation_id === 'test-lvliang-2023.txt' && e.producer === 'segmentation')).toBe(
      true,
    );
    expectPayloadsOf(lvliangParse, envelopes);

    const issue = await withClient(db.url, (client) =>
      client.query('SELECT region, document_count, pipeline_version FROM segmentation.gazette_issue'),
    );
    expect(issue.rows).toEqual([{ region: '吕梁市', document_count: 20, pipeline_version: PARSER_VERSION }]);
  });

  it('neither duplicates rows nor events when the same gazette arrives again', async () => {
    const event = ingestedEvent(lvliang, 'lvliang-2023.txt');
    // Same message id: the stream itself drops it.
    expect((await publishIngested(event)).duplicate).toBe(true);
    // A new message id forces the handler to run again, as a redelivery would.
    expect((await publishIngested(event, `${event.id}#again`)).duplicate).toBe(false);

    await waitFor(consumerSettled(2), { description: 'the second delivery to be acked', timeoutMs: 15_000 });
    expect(await documentRows(lvliangId)).toHaveLength(20);
    expect(await streamMessages('DOCUMENTS', SUBJECTS.documentSegmented)).toHaveLength(20);
  });

  it('retries while the ingestion service does not answer and segments once it does', async () => {
    ingestion?.unsubscribe();
    ingestion = undefined;
    const before = (await consumer()).delivered.consumer_seq;
    await publishIngested(ingestedEvent(fenyang, 'fenyang-2023-4.txt'));

    await waitFor(async () => (await consumer()).delivered.consumer_seq >= before + 2, {
      description: 'a redelivery of the unanswered gazette',
      timeoutMs: 10_000,
    });
    expect(await documentRows(fenyangId)).toEqual([]);

    ingestion = await startIngestionStandIn([lvliang, fenyang, blank]);
    const expected = parseGazette(fenyang).documents.length;
    await waitFor(async () => (await documentRows(fenyangId)).length === expected, {
      description: 'the fenyang documents',
      timeoutMs: 15_000,
    });
    await waitFor(consumerSettled(3), { description: 'the fenyang event to be acked', timeoutMs: 15_000 });
    expect(await streamMessages('DOCUMENTS', SUBJECTS.documentSegmented)).toHaveLength(20 + expected);
  });

  it('dead-letters a gazette the parser rejects, with the reason', async () => {
    const event = ingestedEvent(blank, 'blank.txt');
    await publishIngested(event);

    const deadLetter = await waitFor(
      () =>
        withClient(db.url, async (client) => {
          const result = await client.query<{ reason: string; error: string; data: string }>(
            'SELECT reason, error, data FROM segmentation.dead_letter',
          );
          return result.rows[0];
        }),
      { description: 'the dead letter', timeoutMs: 15_000 },
    );
    expect(deadLetter.reason).toBe('permanent_error');
    expect(deadLetter.error).toMatch(/rejected by the parser \(empty\)/);
    expect(JSON.parse(deadLetter.data)).toMatchObject({ id: event.id });
    expect(await streamMessages('DEADLETTER', 'deadletter.segmentation')).toHaveLength(1);
    expect(await documentRows(gazetteId(blank))).toEqual([]);
  });

  describe('queries', () => {
    const lvliangDocs = lvliangParse.documents.map((d, index) => ({ ...d, index }));
    /** What a search over lvliang must return, newest signature first. */
    const newestFirst = (docs: typeof lvliangDocs) =>
      [...docs]
        .sort((a, b) => (b.signed_on ?? '').localeCompare(a.signed_on ?? '') || a.index - b.index)
        .map((d) => d.index);
    const indexes = (items: DocumentSummary[]) => items.map((item) => item.index);

    it('searches by gazette, region, kind, category and issuer', async () => {
      const all = await ask('documents.search', { gazette_id: lvliangId, limit: 100 });
      expect(all.total).toBe(20);
      expect(indexes(all.items)).toEqual(newestFirst(lvliangDocs));

      const region = await ask('documents.search', { region: '吕梁市' });
      expect(region.total).toBe(20);
      const elsewhere = await ask('documents.search', { region: '汾阳市' });
      expect(elsewhere.items.every((item) => item.gazette_id === fenyangId)).toBe(true);

      const approvals = await ask('documents.search', { kind: '批复' });
      expect(indexes(approvals.items)).toEqual(newestFirst(lvliangDocs.filter((d) => d.doc_type === '批复')));
      expect(approvals.items.every((item) => item.doc_type === '批复')).toBe(true);

      const regulations = await ask('documents.search', { category: 'regulation', gazette_id: lvliangId });
      expect(indexes(regulations.items)).toEqual(newestFirst(lvliangDocs.filter((d) => d.category === 'regulation')));

      const office = await ask('documents.search', { issuer: '吕梁市人民政府办公室' });
      expect(indexes(office.items)).toEqual(
        newestFirst(lvliangDocs.filter((d) => d.issuers.includes('吕梁市人民政府办公室'))),
      );
    });

    it('searches by text in title or body and by signature date, with paging', async () => {
      const fitness = await ask('documents.search', { text: '全民健身' });
      expect(indexes(fitness.items)).toEqual(
        newestFirst(lvliangDocs.filter((d) => d.title.includes('全民健身') || d.body.includes('全民健身'))),
      );
      expect(fitness.total).toBeGreaterThan(0);
      // A user's % is a character, not a wildcard.
      expect((await ask('documents.search', { text: '%' })).total).toBe(0);

      const window = await ask('documents.search', { gazette_id: lvliangId, from: '2023-05-18', to: '2023-05-22' });
      const inWindow = lvliangDocs.filter(
        (d) => d.signed_on && d.signed_on >= '2023-05-18' && d.signed_on <= '2023-05-22',
      );
      expect(inWindow.length).toBeGreaterThan(3);
      expect(indexes(window.items)).toEqual(newestFirst(inWindow));

      const page = await ask('documents.search', { gazette_id: lvliangId, limit: 5, offset: 5 });
      expect(page.total).toBe(20);
      expect(indexes(page.items)).toEqual(newestFirst(lvliangDocs).slice(5, 10));
    });

    it('gets one document with its gazette, and reports progress', async () => {
      const personnel = lvliangDocs.find((d) => d.category === 'personnel');
      if (!personnel) throw new Error('lvliang has personnel documents');
      const { document } = await ask('document.get', { document_id: `${lvliangId}:${personnel.index}` });
      expect(document).toMatchObject({
        title: personnel.title,
        doc_number: personnel.doc_number,
        body: personnel.body,
        text: personnel.text,
        recipients: personnel.recipients,
        gazette: lvliangParse.gazette,
      });
      expect(await ask('document.get', { document_id: `${lvliangId}:999` })).toEqual({ document: null });

      expect(await ask('segmentation.progress', { gazette_id: lvliangId })).toMatchObject({
        stage: 'segmentation',
        done: 20,
        expected: 20,
      });
      const unknown = gazetteId(encoder.encode('never ingested'));
      expect(await ask('segmentation.progress', { gazette_id: unknown })).toEqual({
        gazette_id: unknown,
        stage: 'segmentation',
        done: 0,
        expected: null,
        updated_at: null,
      });
    });

    it('refuses a malformed request as permanent', async () => {
      await expect(ask('documents.search', { limit: 'many' })).rejects.toThrow(/refused: rpc documents.search request/);
    });
  });
});

function expectPayloadsOf(parse: GazetteParse, envelopes: EventEnvelope<unknown>[]): void {
  parse.documents.forEach((parsed, index) => {
    const { entities: _entities, regulation: _regulation, ...document } = parsed;
    expect(envelopes[index].payload).toEqual({
      document_id: `${envelopes[index].id.split(':').slice(1).join(':')}`,
      gazette_id: gazetteId(lvliang),
      index,
      gazette: parse.gazette,
      document,
      appointments: parse.appointments
        .filter((a) => a.document_index === index)
        .map(({ document_index: _index, ...record }) => record),
      pipeline_version: PARSER_VERSION,
    });
  });
  // Personnel notices carry their appointments, and only theirs.
  expect(envelopes.reduce((n, e) => n + (e.payload as { appointments: unknown[] }).appointments.length, 0)).toBe(
    parse.appointments.length,
  );
}
