import { loadConfig, type LogLevel } from '@gazette-watch/config';
import {
  SUBJECTS,
  appointmentId,
  documentId,
  gazetteId,
  parseDocumentId,
  publicAppointmentSubject,
  publicRegulationSubject,
  rpcSubject,
  streamFor,
  RPC_CONTRACTS,
  type RpcName,
  type RpcReply,
  type RpcRequest,
} from '@gazette-watch/contracts';
import { ObservabilityHttpServer, type RpcReply as WireReply } from '@gazette-watch/messaging';
import { parseGazette, type GazetteParse } from '@gazette-watch/parser';
import {
  createTestDatabase,
  createTestNamespace,
  natsConnectionOptions,
  releaseTestInfrastructure,
  testInfrastructure,
  waitFor,
  withClient,
  type TestDatabase,
  type TestNamespace,
} from '@gazette-watch/testing';
import type { INestApplication, INestMicroservice } from '@nestjs/common';
import { connect, type JetStreamManager, type NatsConnection, type PubAck, type Subscription } from 'nats';
import { readFileSync, readdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import request from 'supertest';
import { createApiApp } from '../services/api/src/api.app';
import { apiConfigSchema } from '../services/api/src/api.config';
import type { GazetteProgressView } from '../services/api/src/gazette-progress.summary';
import { createAppointmentsApp } from '../services/appointments/src/appointments.app';
import { appointmentsConfigSchema } from '../services/appointments/src/appointments.config';
import { createExtractionApp, extractionConfigSchema } from '../services/extraction/src';
import { createIngestionApp } from '../services/ingestion/src/ingestion.app';
import { ingestionConfigSchema } from '../services/ingestion/src/ingestion.config';
import { createNotificationApp } from '../services/notification/src/notification.app';
import { notificationConfigSchema } from '../services/notification/src/notification.config';
import { createSegmentationApp, segmentationConfigSchema, type GazetteParser } from '../services/segmentation/src';

/**
 * The whole pipeline in-process for the acceptance tests under test/: every service booted through
 * its own `create<Name>App(config)` against ONE empty test database (each service migrates its
 * own schema at boot) and ONE test namespace, plus the probes the tests assert with — the API's
 * progress view, per-subject message counts in the namespace's streams and the stored rows.
 */

export const SAMPLES_DIR = join(__dirname, '..', 'samples', 'gazettes');

/** Long enough for the whole pipeline on the samples on a slow CI machine, short of the file budget. */
export const PIPELINE_TIMEOUT_MS = 60_000;

const decoder = new TextDecoder();

export interface Gazette {
  fileName: string;
  bytes: Buffer;
  id: string;
  /** What `parseGazette` makes of exactly these bytes: the reference every stored row is held to. */
  parse: GazetteParse;
}

export function gazetteOf(fileName: string, bytes: Buffer): Gazette {
  return { fileName, bytes, id: gazetteId(bytes), parse: parseGazette(new Uint8Array(bytes), { source: fileName }) };
}

/** The sample gazettes (samples/gazettes/*.txt), in file-name order. */
export function sampleGazettes(): Gazette[] {
  return readdirSync(SAMPLES_DIR)
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((name) => gazetteOf(name, readFileSync(join(SAMPLES_DIR, name))));
}

/** Another gazette with the same content: a trailing line of `spaces` spaces changes only the digest. */
export function variantOf(gazette: Gazette, spaces: number): Gazette {
  const fileName = gazette.fileName.replace(/\.txt$/, `-v${spaces}.txt`);
  return gazetteOf(fileName, Buffer.concat([gazette.bytes, Buffer.from(`\n${' '.repeat(spaces)}\n`)]));
}

/** The parse's appointments, one per natural key (the id the appointments service upserts on). */
export function distinctAppointments(gazette: Gazette): GazetteParse['appointments'] {
  const byId = new Map<string, GazetteParse['appointments'][number]>();
  for (const a of gazette.parse.appointments) {
    byId.set(appointmentId(documentId(gazette.id, a.document_index), a.person, a.action, a.position), a);
  }
  return [...byId.values()];
}

/** Subjects whose stored messages the tests count, by their base (un-namespaced) names. */
export const COUNTED_SUBJECTS = [
  SUBJECTS.gazetteIngested,
  SUBJECTS.documentSegmented,
  SUBJECTS.documentExtracted,
  SUBJECTS.appointmentRecorded,
  SUBJECTS.regulationPublished,
] as const;

export type MessageCounts = Record<(typeof COUNTED_SUBJECTS)[number], number>;

/** Each fact's event exactly once: what the streams must hold after the given gazettes went through. */
export function expectedMessageCounts(gazettes: readonly Gazette[]): MessageCounts {
  const sum = (count: (g: Gazette) => number) => gazettes.reduce((total, g) => total + count(g), 0);
  const documents = sum((g) => g.parse.documents.length);
  return {
    [SUBJECTS.gazetteIngested]: gazettes.length,
    [SUBJECTS.documentSegmented]: documents,
    [SUBJECTS.documentExtracted]: documents,
    [SUBJECTS.appointmentRecorded]: sum((g) => distinctAppointments(g).length),
    [SUBJECTS.regulationPublished]: sum((g) => g.parse.documents.filter((d) => d.category === 'regulation').length),
  };
}

/** What the public `events.>` hierarchy must carry: one announcement per appointment and regulation. */
export function expectedPublicEvents(gazettes: readonly Gazette[]): number {
  const counts = expectedMessageCounts(gazettes);
  return counts[SUBJECTS.appointmentRecorded] + counts[SUBJECTS.regulationPublished];
}

/** The public subjects, sorted, the notification service must announce the gazettes' facts on. */
export function expectedPublicSubjects(gazettes: readonly Gazette[]): string[] {
  return gazettes
    .flatMap((g) => [
      ...distinctAppointments(g).map(() => publicAppointmentSubject(g.parse.gazette.region)),
      ...g.parse.documents
        .filter((d) => d.category === 'regulation')
        .map((d) => publicRegulationSubject(g.parse.gazette.region, d.doc_type)),
    ])
    .sort();
}

export type ServiceName = 'ingestion' | 'segmentation' | 'extraction' | 'appointments' | 'notification' | 'api';

/** Start order: ingestion first (it provisions the streams and answers `gazette.fetch`), the API last. */
export const PIPELINE_SERVICES: readonly ServiceName[] = [
  'ingestion',
  'segmentation',
  'extraction',
  'appointments',
  'notification',
  'api',
];

export interface RunningService {
  name: ServiceName;
  app: INestApplication | INestMicroservice;
}

/** What one instance is started with beyond the shared configuration. */
export interface StartOptions {
  /** Segmentation only: the parser in place of `parseGazette` (an older or a newer parser). */
  parse?: GazetteParser;
  /** Variables of this instance over the shared ones (a shorter retry schedule, say). */
  env?: Record<string, string>;
}

/** The operator key the harness's API gateway accepts (`ADMIN_API_KEYS`). */
export const TEST_ADMIN_KEY = 'pipeline-harness-operator-key-0123456789';

export interface IngestReply {
  gazette_id: string;
  duplicate: boolean;
  correlation_id: string;
}

export interface PublicEvents {
  /** Subject (without the namespace prefix) and envelope id of every message received so far. */
  readonly received: ReadonlyArray<{ subject: string; id: string }>;
}

export interface PipelineSnapshot {
  counts: MessageCounts;
  /** Every durable consumer of the namespace's pipeline streams. */
  consumers: Array<{ stream: string; name: string; pending: number; ackPending: number; delivered: number }>;
  publicEvents: number;
}

export interface DeadLetterMessage {
  seq: number;
  entry: {
    service: string;
    stream: string;
    subject: string;
    stream_seq: number;
    reason: string;
    error: string;
    data: string;
  };
}

export interface StoredDocumentRow {
  index: number;
  title: string;
  doc_number: string | null;
  issuers: string[];
  signed_on: string | null;
  doc_type: string | null;
  category: string;
  section: string | null;
  start_line: number;
}

export interface StoredEntityRow {
  type: string;
  text: string;
  start: number;
  end: number;
  value: string | null;
}

export interface StoredAppointmentRow {
  doc_number: string | null;
  person: string;
  action: string;
  position: string;
  qualifiers: string[];
}

const DEFAULT_LOG_LEVEL: LogLevel = process.env.TEST_LOGS ? 'info' : 'error';

export class PipelineHarness {
  readonly running: RunningService[] = [];
  private readonly subscriptions: Subscription[] = [];
  private publicEvents?: { received: Array<{ subject: string; id: string }> };

  private constructor(
    /** Of every service; Nest's logger is process-wide, so they could not differ anyway. */
    readonly logLevel: LogLevel,
    readonly natsUrl: string,
    readonly database: TestDatabase,
    readonly namespace: TestNamespace,
    readonly nc: NatsConnection,
    readonly jsm: JetStreamManager,
  ) {}

  /** A fresh empty database and namespace for one test file; `close()` removes both. */
  static async open(options: { logLevel?: LogLevel } = {}): Promise<PipelineHarness> {
    const { natsUrl } = await testInfrastructure();
    const database = await createTestDatabase();
    const namespace = createTestNamespace();
    try {
      const nc = await connect(natsConnectionOptions(natsUrl));
      return new PipelineHarness(
        options.logLevel ?? DEFAULT_LOG_LEVEL,
        natsUrl,
        database,
        namespace,
        nc,
        await nc.jetstreamManager(),
      );
    } catch (error) {
      await database.drop();
      throw error;
    }
  }

  /** The physical subject of a base subject in this namespace. */
  subject(base: string): string {
    return this.namespace.subjectPrefix + base;
  }

  stream(base: string): string {
    return this.namespace.streamPrefix + base;
  }

  /** Boots one more instance of `name` with the shared configuration and starts it listening. */
  async start(name: ServiceName, options: StartOptions = {}): Promise<RunningService> {
    const app = await this.create(name, options);
    try {
      if (name === 'ingestion' || name === 'api') {
        await (app as INestApplication).listen(0, '127.0.0.1');
      } else {
        await (app as INestMicroservice).listen();
      }
    } catch (error) {
      await app.close().catch(() => undefined);
      throw error;
    }
    const service = { name, app };
    this.running.push(service);
    return service;
  }

  /**
   * The pipeline, one instance of each service unless `instances` asks for more; `skip` leaves
   * services out. Started one after the other so that the order of the boot logs is readable and
   * replicas migrate in turn (the migrations serialise on a lock anyway).
   */
  async startPipeline(
    options: { skip?: readonly ServiceName[]; instances?: Partial<Record<ServiceName, number>> } = {},
  ): Promise<void> {
    for (const name of PIPELINE_SERVICES) {
      if (options.skip?.includes(name)) continue;
      for (let i = 0; i < (options.instances?.[name] ?? 1); i++) await this.start(name);
    }
  }

  instancesOf(name: ServiceName): RunningService[] {
    return this.running.filter((service) => service.name === name);
  }

  /** Closes every running instance of `name` (their durable consumers stay for the next ones). */
  async stopAll(name: ServiceName): Promise<void> {
    for (const service of this.instancesOf(name)) {
      await service.app.close();
      this.running.splice(this.running.indexOf(service), 1);
    }
  }

  /**
   * Asks a service over request/reply (`rpc.<service>.<name>`) as the gateway does; a refusal of the
   * transport (a broken request, an exception) throws, a command's `ok: false` is returned.
   */
  async rpc<N extends RpcName>(name: N, request: RpcRequest<N> | Record<string, unknown>): Promise<RpcReply<N>> {
    const subject = this.subject(rpcSubject(RPC_CONTRACTS[name].service, name));
    const answer = await this.nc.request(subject, new TextEncoder().encode(JSON.stringify(request)), {
      timeout: 10_000,
    });
    const reply = answer.json<WireReply<RpcReply<N>>>();
    if (!reply.ok) throw new Error(`${name} failed: ${reply.error}`);
    return reply.data;
  }

  /** Stops every service (API first, ingestion last), then removes the namespace's streams and the database. */
  async close(): Promise<void> {
    const failures: unknown[] = [];
    for (const service of [...this.running].reverse()) {
      await service.app.close().catch((error: unknown) => failures.push(error));
    }
    this.running.length = 0;
    for (const subscription of this.subscriptions) subscription.unsubscribe();
    await this.nc.close().catch((error: unknown) => failures.push(error));
    await this.namespace.cleanup(this.natsUrl).catch((error: unknown) => failures.push(error));
    await this.database.drop().catch((error: unknown) => failures.push(error));
    await releaseTestInfrastructure();
    if (failures.length > 0) throw new AggregateError(failures, 'closing the pipeline harness failed');
  }

  /** Subscribes (core NATS) to the public hierarchy `events.>`; call before ingesting. */
  async subscribePublicEvents(): Promise<PublicEvents> {
    const received: Array<{ subject: string; id: string }> = [];
    const prefix = this.namespace.subjectPrefix;
    this.subscriptions.push(
      this.nc.subscribe(this.subject('events.>'), {
        callback: (error, msg) => {
          if (error) return;
          const envelope = JSON.parse(decoder.decode(msg.data)) as { id: string };
          received.push({ subject: msg.subject.slice(prefix.length), id: envelope.id });
        },
      }),
    );
    // The subscription must reach the server before the first announcement.
    await this.nc.flush();
    this.publicEvents = { received };
    return this.publicEvents;
  }

  /** `POST /gazettes` on the ingestion service, the file as a raw text body. */
  async ingest(
    gazette: Gazette,
    options: { correlationId?: string } = {},
  ): Promise<{ status: number; body: IngestReply }> {
    const upload = request(this.httpServerOf('ingestion'))
      .post('/gazettes')
      .set('Content-Type', 'text/plain')
      .set('X-File-Name', encodeURIComponent(gazette.fileName));
    if (options.correlationId) upload.set('X-Correlation-Id', options.correlationId);
    const response = await upload.send(gazette.bytes);
    return { status: response.status, body: response.body as IngestReply };
  }

  /** `GET /gazettes/:id/progress` on the API. */
  async progress(id: string): Promise<GazetteProgressView> {
    const response = await request(this.httpServerOf('api')).get(`/gazettes/${id}/progress`);
    if (response.status !== 200) throw new Error(`progress of ${id}: HTTP ${response.status} ${response.text}`);
    return response.body as GazetteProgressView;
  }

  /** Waits until the API reports every gazette complete; the timeout names the stages still running. */
  async waitUntilComplete(
    gazettes: readonly Gazette[],
    timeoutMs = PIPELINE_TIMEOUT_MS,
  ): Promise<GazetteProgressView[]> {
    return waitFor(
      async () => {
        const views = await Promise.all(gazettes.map((g) => this.progress(g.id)));
        const unfinished = views.filter((view) => !view.complete);
        if (unfinished.length === 0) return views;
        // Thrown rather than returned so that a timeout reports which stages were behind.
        throw new Error(unfinished.map(describeProgress).join('; '));
      },
      { timeoutMs, intervalMs: 250, description: `the API to report ${gazettes.length} gazette(s) complete` },
    );
  }

  /** Messages stored on `subject` (base name) in its stream of this namespace. */
  async storedCount(subject: string): Promise<number> {
    const physical = this.subject(subject);
    const info = await this.jsm.streams.info(this.stream(streamFor(subject).name), { subjects_filter: physical });
    return info.state.subjects?.[physical] ?? 0;
  }

  async messageCounts(): Promise<MessageCounts> {
    const counts = await Promise.all(COUNTED_SUBJECTS.map((subject) => this.storedCount(subject)));
    return Object.fromEntries(COUNTED_SUBJECTS.map((subject, i) => [subject, counts[i]])) as MessageCounts;
  }

  async snapshot(): Promise<PipelineSnapshot> {
    const consumers: PipelineSnapshot['consumers'] = [];
    for (const base of ['GAZETTES', 'DOCUMENTS', 'FACTS']) {
      for await (const info of this.jsm.consumers.list(this.stream(base))) {
        consumers.push({
          stream: base,
          name: info.name,
          pending: info.num_pending,
          ackPending: info.num_ack_pending,
          delivered: info.delivered.stream_seq,
        });
      }
    }
    consumers.sort((a, b) => `${a.stream}/${a.name}`.localeCompare(`${b.stream}/${b.name}`));
    return {
      counts: await this.messageCounts(),
      consumers,
      publicEvents: this.publicEvents?.received.length ?? 0,
    };
  }

  /**
   * Waits for a quiet pipeline, judged on state rather than a fixed sleep: every durable consumer
   * has nothing pending or unacknowledged, and the snapshot (message counts, consumer positions,
   * public events received) stays the same across polls for `quietMs`.
   */
  async waitUntilSettled(quietMs = 1_500, timeoutMs = PIPELINE_TIMEOUT_MS): Promise<PipelineSnapshot> {
    let previous = '';
    let stableSince = Date.now();
    return waitFor(
      async () => {
        const snapshot = await this.snapshot();
        const key = JSON.stringify(snapshot);
        const idle = snapshot.consumers.every((c) => c.pending === 0 && c.ackPending === 0);
        if (!idle || key !== previous) {
          previous = key;
          stableSince = Date.now();
          throw new Error(`not settled: ${key}`);
        }
        return Date.now() - stableSince >= quietMs ? snapshot : undefined;
      },
      { timeoutMs, intervalMs: 250, description: `the pipeline to stay quiet for ${quietMs} ms` },
    );
  }

  /** Every message of the DEADLETTER stream on `deadletter.<service>`, with its stream sequence. */
  async deadLetters(service: string): Promise<DeadLetterMessage[]> {
    const stream = this.stream('DEADLETTER');
    const subject = this.subject(`deadletter.${service}`);
    const { state } = await this.jsm.streams.info(stream);
    const messages: DeadLetterMessage[] = [];
    for (let seq = state.first_seq; state.messages > 0 && seq <= state.last_seq; seq++) {
      const message = await this.jsm.streams.getMessage(stream, { seq });
      if (message.subject === subject) messages.push({ seq, entry: message.json<DeadLetterMessage['entry']>() });
    }
    return messages;
  }

  /** Every envelope stored on `subject` (base name) in its stream of this namespace, in stream order. */
  async storedEnvelopes<T = { id: string; correlation_id: string }>(subject: string): Promise<T[]> {
    const stream = this.stream(streamFor(subject).name);
    const physical = this.subject(subject);
    const { state } = await this.jsm.streams.info(stream);
    const envelopes: T[] = [];
    for (let seq = state.first_seq; state.messages > 0 && seq <= state.last_seq; seq++) {
      const message = await this.jsm.streams.getMessage(stream, { seq });
      if (message.subject === physical) envelopes.push(message.json<T>());
    }
    return envelopes;
  }

  /** Publishes raw bytes on a base subject through JetStream (the way a broken producer would). */
  publishRaw(subject: string, data: string, msgID: string): Promise<PubAck> {
    return this.nc.jetstream().publish(this.subject(subject), new TextEncoder().encode(data), { msgID });
  }

  query<T extends object>(sql: string, params: unknown[] = []): Promise<T[]> {
    return withClient(this.database.url, async (client) => (await client.query<T>(sql, params)).rows);
  }

  async storedDocuments(gazette: Gazette): Promise<StoredDocumentRow[]> {
    return this.query<StoredDocumentRow>(
      `SELECT "index", title, doc_number, issuers, signed_on, doc_type, category, section, start_line
         FROM segmentation.document WHERE gazette_id = $1 ORDER BY "index"`,
      [gazette.id],
    );
  }

  /** The stored entities of every extracted document, by document index, each list in stored order. */
  async storedEntities(gazette: Gazette): Promise<Record<number, StoredEntityRow[]>> {
    const documents = await this.query<{ document_id: string }>(
      'SELECT document_id FROM extraction.document_entities WHERE gazette_id = $1',
      [gazette.id],
    );
    const rows = await this.query<StoredEntityRow & { document_id: string }>(
      `SELECT e.document_id, e.type, e.text, e.start, e."end", e.value
         FROM extraction.entity e JOIN extraction.document_entities d USING (document_id)
        WHERE d.gazette_id = $1 ORDER BY e.document_id, e.ordinal`,
      [gazette.id],
    );
    const byIndex: Record<number, StoredEntityRow[]> = {};
    for (const { document_id } of documents) byIndex[indexOf(document_id)] = [];
    for (const { document_id, ...entity } of rows) (byIndex[indexOf(document_id)] ??= []).push(entity);
    return byIndex;
  }

  async storedAppointments(gazette: Gazette): Promise<StoredAppointmentRow[]> {
    const rows = await this.query<StoredAppointmentRow>(
      `SELECT doc_number, person, action, position, qualifiers FROM appointments.appointment WHERE gazette_id = $1`,
      [gazette.id],
    );
    return sortByJson(rows);
  }

  /** The HTTP server of the first running instance of `name` (the ops server for the microservices). */
  httpServerOf(name: ServiceName): Server {
    const service = this.running.find((s) => s.name === name);
    if (!service) throw new Error(`the ${name} service is not running`);
    if (name === 'ingestion' || name === 'api') return (service.app as INestApplication).getHttpServer() as Server;
    return service.app.get(ObservabilityHttpServer).httpServer;
  }

  private async create(name: ServiceName, options: StartOptions = {}): Promise<INestApplication | INestMicroservice> {
    const env = {
      DATABASE_URL: this.database.url,
      NATS_URL: this.natsUrl,
      NATS_SUBJECT_PREFIX: this.namespace.subjectPrefix,
      NATS_STREAM_PREFIX: this.namespace.streamPrefix,
      MIGRATE_ON_BOOT: 'true',
      // Replicas share the process: each picks a free port for its health and metrics endpoints.
      HTTP_PORT: '0',
      LOG_LEVEL: this.logLevel,
      LOG_FORMAT: 'json',
      ...options.env,
    };
    switch (name) {
      case 'ingestion':
        return createIngestionApp(loadConfig(ingestionConfigSchema, env));
      case 'segmentation':
        return createSegmentationApp(loadConfig(segmentationConfigSchema, { ...env, RETRY_DELAY_MS: '100' }), {
          parse: options.parse,
        });
      case 'extraction':
        return createExtractionApp(loadConfig(extractionConfigSchema, { ...env, RETRY_DELAY_MS: '100' }));
      case 'appointments':
        // Its factory takes no retry delay; the transport's default applies.
        return createAppointmentsApp(loadConfig(appointmentsConfigSchema, env));
      case 'notification':
        return createNotificationApp(
          loadConfig(notificationConfigSchema, {
            // The tests' webhook receivers listen on loopback, which production refuses.
            WEBHOOK_ALLOWED_ADDRESSES: '127.0.0.1/32',
            WEBHOOK_RETRY_SCHEDULE: '0,100ms,200ms',
            WEBHOOK_RETRY_JITTER: '0',
            WEBHOOK_POLL_MS: '50',
            ...env,
          }),
          {
            transport: { nakDelayMs: 100, maxNakDelayMs: 1_000 },
          },
        );
      case 'api':
        return createApiApp(
          loadConfig(apiConfigSchema, {
            ADMIN_API_KEYS: TEST_ADMIN_KEY,
            RPC_TIMEOUT_MS: '2000',
            SSE_HEARTBEAT_MS: '1000',
            ...env,
          }),
        );
    }
  }
}

/** What `segmentation.document` must hold for the gazette: the parse's documents, field for field. */
export function parsedDocuments(gazette: Gazette): StoredDocumentRow[] {
  return gazette.parse.documents.map((d, index) => ({
    index,
    title: d.title,
    doc_number: d.doc_number,
    issuers: d.issuers,
    signed_on: d.signed_on,
    doc_type: d.doc_type,
    category: d.category,
    section: d.section,
    start_line: d.start_line,
  }));
}

/** The parse's entities of every document (the column keeps a numeric value as its decimal text). */
export function parsedEntities(gazette: Gazette): Record<number, StoredEntityRow[]> {
  return Object.fromEntries(
    gazette.parse.documents.map((d, index) => [
      index,
      d.entities.map((e) => ({
        type: e.type,
        text: e.text,
        start: e.start,
        end: e.end,
        value: e.value === undefined || e.value === null ? null : String(e.value),
      })),
    ]),
  );
}

export function parsedAppointments(gazette: Gazette): StoredAppointmentRow[] {
  return sortByJson(
    distinctAppointments(gazette).map((a) => ({
      doc_number: a.doc_number,
      person: a.person,
      action: a.action,
      position: a.position,
      qualifiers: a.qualifiers,
    })),
  );
}

/**
 * The rows of the three fact schemas equal the parse of the same bytes: documents field for field,
 * every document's entities in order, the set of appointments.
 */
export async function expectStoredAsParsed(harness: PipelineHarness, gazettes: readonly Gazette[]): Promise<void> {
  for (const gazette of gazettes) {
    expect({ gazette: gazette.fileName, documents: await harness.storedDocuments(gazette) }).toEqual({
      gazette: gazette.fileName,
      documents: parsedDocuments(gazette),
    });
    expect({ gazette: gazette.fileName, entities: await harness.storedEntities(gazette) }).toEqual({
      gazette: gazette.fileName,
      entities: parsedEntities(gazette),
    });
    expect({ gazette: gazette.fileName, appointments: await harness.storedAppointments(gazette) }).toEqual({
      gazette: gazette.fileName,
      appointments: parsedAppointments(gazette),
    });
  }
}

function indexOf(document: string): number {
  const parsed = parseDocumentId(document);
  if (!parsed) throw new Error(`stored document id "${document}" is not <gazette>:<index>`);
  return parsed.index;
}

function sortByJson<T>(rows: T[]): T[] {
  return rows
    .map((row) => ({ row, key: JSON.stringify(row) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ row }) => row);
}

function describeProgress(view: GazetteProgressView): string {
  const stages = view.stages.map((s) => `${s.stage} ${s.status} ${s.done ?? '-'}/${s.expected ?? '-'}`).join(', ');
  return `${view.gazette_id.slice(0, 12)}: ${stages}`;
}

/** Each record of the parse with its position and appointment id, in parse order (repeats included). */
export function recordsWithIds(gazette: Gazette) {
  return gazette.parse.appointments.map((record, position) => ({
    position,
    index: record.document_index,
    record,
    id: appointmentId(documentId(gazette.id, record.document_index), record.person, record.action, record.position),
  }));
}

export function withoutLastDocument(parse: GazetteParse): GazetteParse {
  const last = parse.documents.length - 1;
  return {
    ...parse,
    documents: parse.documents.slice(0, last),
    appointments: parse.appointments.filter((a) => a.document_index !== last),
  };
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.byteLength), b) === 0;
}
