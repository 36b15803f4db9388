import { loadConfig } from '@gazette-watch/config';
import {
  SUBJECTS,
  documentId,
  eventMessageId,
  gazetteId,
  makeEnvelope,
  parseEnvelope,
  rpcSubject,
  type DocumentSegmentedPayload,
  type EventEnvelope,
  type RpcName,
  type RpcReply,
  type RpcRequest,
} from '@gazette-watch/contracts';
import type { RpcReply as WireReply } from '@gazette-watch/messaging';
import { PARSER_VERSION, parseGazette } from '@gazette-watch/parser';
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
import { connect, type ConsumerInfo, type JetStreamManager, type NatsConnection } from 'nats';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  EXTRACTION_MIGRATIONS,
  createExtractionApp,
  extractionConfigSchema,
  openExtractionDatabase,
} from '../src/index';

jest.setTimeout(30_000);

const bytes = readFileSync(join(__dirname, '../../../samples/gazettes/lvliang-2023.txt'));
const parse = parseGazette(bytes);
const gazette = gazetteId(bytes);
const encoder = new TextEncoder();

/** What the segmentation service publishes for each document of the parse. */
const segmentedEvents: EventEnvelope<DocumentSegmentedPayload>[] = parse.documents.map((parsed, index) => {
  const { entities: _entities, regulation: _regulation, ...document } = parsed;
  const payload: DocumentSegmentedPayload = {
    document_id: documentId(gazette, index),
    gazette_id: gazette,
    index,
    gazette: parse.gazette,
    document,
    appointments: parse.appointments
      .filter((a) => a.document_index === index)
      .map(({ document_index: _index, ...record }) => record),
    pipeline_version: PARSER_VERSION,
  };
  return makeEnvelope(SUBJECTS.documentSegmented, payload, {
    id: eventMessageId(SUBJECTS.documentSegmented, payload),
    correlationId: 'test-lvliang',
    producer: 'segmentation',
  });
});

const regulationIndexes = parse.documents.flatMap((d, i) => (d.category === 'regulation' ? [i] : []));
const totalEntities = parse.documents.reduce((n, d) => n + d.entities.length, 0);

describe('extraction service (PostgreSQL + NATS)', () => {
  const ns = createTestNamespace();
  let natsUrl: string;
  let db: TestDatabase;
  let app: INestMicroservice;
  let nc: NatsConnection;
  let jsm: JetStreamManager;

  async function publishSegmented(suffix = ''): Promise<void> {
    const js = nc.jetstream();
    for (const event of segmentedEvents) {
      await js.publish(ns.subjectPrefix + SUBJECTS.documentSegmented, encoder.encode(JSON.stringify(event)), {
        msgID: event.id + suffix,
      });
    }
  }

  function consumer(): Promise<ConsumerInfo> {
    return jsm.consumers.info(`${ns.streamPrefix}DOCUMENTS`, 'extraction');
  }

  /** Every delivered document.segmented acked or terminated, at least `published` of them. */
  function consumerSettled(published: number) {
    return async () => {
      const info = await consumer();
      return info.num_pending === 0 && info.num_ack_pending === 0 && info.delivered.consumer_seq >= published;
    };
  }

  async function streamEnvelopes<T>(stream: string, subject: string): Promise<{ msgId: string; envelope: T }[]> {
    const name = ns.streamPrefix + stream;
    const { state } = await jsm.streams.info(name);
    const found: { msgId: string; envelope: T }[] = [];
    for (let seq = state.first_seq; seq <= state.last_seq && state.messages > 0; seq++) {
      const message = await jsm.streams.getMessage(name, { seq });
      if (message.subject === ns.subjectPrefix + subject) {
        found.push({ msgId: message.header.get('Nats-Msg-Id'), envelope: message.json<T>() });
      }
    }
    return found;
  }

  async function ask<N extends RpcName>(name: N, data: RpcRequest<N>): Promise<RpcReply<N>> {
    const answer = await nc.request(
      ns.subjectPrefix + rpcSubject('extraction', name),
      encoder.encode(JSON.stringify(data)),
      {
        timeout: 5_000,
      },
    );
    const reply = answer.json<WireReply<RpcReply<N>>>();
    if (!reply.ok) throw new Error(`${name} refused: ${reply.error}`);
    return reply.data;
  }

  function count(sql: string): Promise<number> {
    return withClient(db.url, async (client) => (await client.query<{ n: number }>(sql)).rows[0].n);
  }

  beforeAll(async () => {
    ({ natsUrl } = await testInfrastructure());
    const template = await createTemplateDatabase(
      'gw_tmpl_extraction',
      async (url) => (await openExtractionDatabase(url, { migrate: true })).destroy(),
      { fingerprint: migrationFingerprint(EXTRACTION_MIGRATIONS) },
    );
    db = await createTestDatabase({ template });
    nc = await connect(natsConnectionOptions(natsUrl));
    jsm = await nc.jetstreamManager();
    const config = loadConfig(extractionConfigSchema, {
      HTTP_PORT: '0',
      DATABASE_URL: db.url,
      NATS_URL: natsUrl,
      NATS_SUBJECT_PREFIX: ns.subjectPrefix,
      NATS_STREAM_PREFIX: ns.streamPrefix,
      RETRY_DELAY_MS: '50',
      LOG_LEVEL: 'error',
    });
    app = await createExtractionApp(config);
    await app.listen();
  }, TEST_INFRASTRUCTURE_TIMEOUT_MS);

  afterAll(async () => {
    await app?.close();
    await nc?.close();
    if (natsUrl) await ns.cleanup(natsUrl);
    await db?.drop();
    await releaseTestInfrastructure();
  }, TEST_INFRASTRUCTURE_TIMEOUT_MS);

  it('stores exactly the entities the gazette parse finds, one row per entity', async () => {
    await publishSegmented();
    await waitFor(consumerSettled(segmentedEvents.length), {
      description: 'every document.segmented to be acked',
      timeoutMs: 20_000,
    });

    const stored = await withClient(db.url, async (client) => {
      const summaries = await client.query<{ document_id: string; entities: unknown; regulation: unknown }>(
        'SELECT document_id, entities, regulation FROM extraction.document_entities',
      );
      const rows = await client.query(
        `SELECT document_id, ordinal, type, text, start, "end", value, unit, doc_number
         FROM extraction.entity ORDER BY document_id, ordinal`,
      );
      return { summaries: summaries.rows, rows: rows.rows };
    });
    expect(stored.summaries).toHaveLength(parse.documents.length);
    for (const [index, document] of parse.documents.entries()) {
      const id = documentId(gazette, index);
      const summary = stored.summaries.find((s) => s.document_id === id);
      expect(summary).toEqual({ document_id: id, entities: document.entities, regulation: document.regulation });
      expect(stored.rows.filter((r) => r.document_id === id)).toEqual(
        document.entities.map((e, ordinal) => ({
          document_id: id,
          ordinal,
          type: e.type,
          text: e.text,
          start: e.start,
          end: e.end,
          value: e.value === undefined || e.value === null ? null : String(e.value),
          unit: e.unit ?? null,
          doc_number: e.doc_number ?? null,
        })),
      );
    }
    expect(stored.rows).toHaveLength(totalEntities);
  });

  it('announces every document as extracted, with its appointments and region', async () => {
    const extracted = await streamEnvelopes<unknown>('DOCUMENTS', SUBJECTS.documentExtracted);
    expect(extracted).toHaveLength(parse.documents.length);
    const payloads = extracted.map((m) => parseEnvelope(SUBJECTS.documentExtracted, m.envelope).payload);
    expect(extracted.map((m) => m.msgId).sort()).toEqual(
      parse.documents.map((_, i) => `document.extracted:${documentId(gazette, i)}`).sort(),
    );

    const personnel = parse.documents.findIndex((d) => d.category === 'personnel');
    const ofPersonnel = payloads.find((p) => p.document_id === documentId(gazette, personnel));
    const appointments = parse.appointments
      .filter((a) => a.document_index === personnel)
      .map(({ document_index: _index, ...record }) => record);
    expect(appointments.length).toBeGreaterThan(0);
    expect(ofPersonnel).toEqual({
      document_id: documentId(gazette, personnel),
      gazette_id: gazette,
      category: 'personnel',
      region: '吕梁市',
      entities: parse.documents[personnel].entities,
      regulation: null,
      appointments,
      document: {
        title: parse.documents[personnel].title,
        doc_type: parse.documents[personnel].doc_type,
        publisher: '吕梁市人民政府',
        issuers: parse.documents[personnel].issuers,
      },
      pipeline_version: PARSER_VERSION,
    });
  });

  it('publishes regulation.published for each regulation document', async () => {
    const published = await streamEnvelopes<unknown>('FACTS', SUBJECTS.regulationPublished);
    const payloads = published.map((m) => parseEnvelope(SUBJECTS.regulationPublished, m.envelope).payload);
    expect(payloads.map((p) => p.document_id).sort()).toEqual(
      regulationIndexes.map((i) => documentId(gazette, i)).sort(),
    );
    const repealing = regulationIndexes.find((i) => parse.documents[i].regulation?.repeals.length);
    if (repealing === undefined) throw new Error('lvliang has a regulation that repeals another');
    const document = parse.documents[repealing];
    expect(payloads.find((p) => p.document_id === documentId(gazette, repealing))).toEqual({
      document_id: documentId(gazette, repealing),
      gazette_id: gazette,
      region: '吕梁市',
      publisher: '吕梁市人民政府',
      title: document.title,
      doc_number: document.doc_number,
      doc_type: document.doc_type,
      signed_on: document.signed_on,
      effective_from: document.regulation?.effective_from,
      effective_until: document.regulation?.effective_until,
      repeals: document.regulation?.repeals,
      issuers: document.issuers,
      body: document.body,
      pipeline_version: PARSER_VERSION,
    });
  });

  it('neither doubles rows nor events when the documents are delivered again', async () => {
    await publishSegmented('#again');
    await waitFor(consumerSettled(2 * segmentedEvents.length), {
      description: 'the redelivered documents to be acked',
      timeoutMs: 20_000,
    });
    expect(await count('SELECT count(*)::int AS n FROM extraction.entity')).toBe(totalEntities);
    expect(await count('SELECT count(*)::int AS n FROM extraction.document_entities')).toBe(parse.documents.length);
    expect(await streamEnvelopes('DOCUMENTS', SUBJECTS.documentExtracted)).toHaveLength(parse.documents.length);
    expect(await streamEnvelopes('FACTS', SUBJECTS.regulationPublished)).toHaveLength(regulationIndexes.length);
  });

  it('answers entities.get and extraction.progress', async () => {
    const index = regulationIndexes[0];
    expect(await ask('entities.get', { document_id: documentId(gazette, index) })).toEqual({
      document_id: documentId(gazette, index),
      found: true,
      entities: parse.documents[index].entities,
      regulation: parse.documents[index].regulation,
    });
    const missing = documentId(gazetteId(encoder.encode('unknown')), 0);
    expect(await ask('entities.get', { document_id: missing })).toEqual({
      document_id: missing,
      found: false,
      entities: [],
      regulation: null,
    });
    expect(await ask('extraction.progress', { gazette_id: gazette })).toMatchObject({
      gazette_id: gazette,
      stage: 'extraction',
      done: parse.documents.length,
      expected: null,
    });
  });

  it('dead-letters a document.segmented that breaks the contract', async () => {
    const broken = { ...segmentedEvents[0], id: 'broken', payload: { ...segmentedEvents[0].payload, index: 7 } };
    await nc
      .jetstream()
      .publish(ns.subjectPrefix + SUBJECTS.documentSegmented, encoder.encode(JSON.stringify(broken)), {
        msgID: 'broken',
      });
    const deadLetter = await waitFor(
      () =>
        withClient(db.url, async (client) => {
          const result = await client.query<{ reason: string; error: string }>(
            'SELECT reason, error FROM extraction.dead_letter',
          );
          return result.rows[0];
        }),
      { description: 'the dead letter', timeoutMs: 15_000 },
    );
    expect(deadLetter.reason).toBe('invalid_payload');
    expect(deadLetter.error).toMatch(/document_id must be "<gazette_id>:<index>"/);
  });
});
