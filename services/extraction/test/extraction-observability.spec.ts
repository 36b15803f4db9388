import { loadConfig } from '@gazette-watch/config';
import {
  SUBJECTS,
  documentId,
  eventMessageId,
  gazetteId,
  makeEnvelope,
  rpcSubject,
  type DocumentSegmentedPayload,
} from '@gazette-watch/contracts';
import { ObservabilityHttpServer } from '@gazette-watch/messaging';
import { PARSER_VERSION, parseGazette } from '@gazette-watch/parser';
import {
  TEST_INFRASTRUCTURE_TIMEOUT_MS,
  createTestDatabase,
  createTestNamespace,
  natsConnectionOptions,
  releaseTestInfrastructure,
  testInfrastructure,
  waitFor,
  type TestDatabase,
} from '@gazette-watch/testing';
import type { INestMicroservice } from '@nestjs/common';
import { connect, type NatsConnection } from 'nats';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { createExtractionApp, extractionConfigSchema } from '../src/index';

jest.setTimeout(30_000);

const bytes = readFileSync(join(__dirname, '../../../samples/gazettes/lvliang-2023.txt'));
const parse = parseGazette(bytes);
const gazette = gazetteId(bytes);
const encoder = new TextEncoder();

/** The first document of the sample as the segmentation service announces it. */
function segmentedEvent() {
  const { entities: _entities, regulation: _regulation, ...document } = parse.documents[0];
  const payload: DocumentSegmentedPayload = {
    document_id: documentId(gazette, 0),
    gazette_id: gazette,
    index: 0,
    gazette: parse.gazette,
    document,
    appointments: parse.appointments
      .filter((a) => a.document_index === 0)
      .map(({ document_index: _index, ...record }) => record),
    pipeline_version: PARSER_VERSION,
  };
  return makeEnvelope(SUBJECTS.documentSegmented, payload, {
    id: eventMessageId(SUBJECTS.documentSegmented, payload),
    correlationId: 'test-observability',
    producer: 'segmentation',
  });
}

/** The value of one sample of the exposition text, or undefined when that series is absent. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = (match[2] ?? '').split(',');
    if (wanted.every((pair) => present.includes(pair))) return Number(match[3]);
  }
  return undefined;
}

describe('extraction service observability (PostgreSQL + NATS)', () => {
  const ns = createTestNamespace();
  let natsUrl: string;
  let db: TestDatabase;
  let app: INestMicroservice;
  let nc: NatsConnection;

  function http() {
    return request(app.get(ObservabilityHttpServer).httpServer);
  }

  async function metrics(): Promise<string> {
    const response = await http().get('/metrics').expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    return response.text;
  }

  beforeAll(async () => {
    ({ natsUrl } = await testInfrastructure());
    db = await createTestDatabase();
    nc = await connect(natsConnectionOptions(natsUrl));
    app = await createExtractionApp(
      loadConfig(extractionConfigSchema, {
        HTTP_PORT: '0',
        DATABASE_URL: db.url,
        NATS_URL: natsUrl,
        NATS_SUBJECT_PREFIX: ns.subjectPrefix,
        NATS_STREAM_PREFIX: ns.streamPrefix,
        LOG_LEVEL: 'error',
      }),
    );
    await app.listen();
  }, TEST_INFRASTRUCTURE_TIMEOUT_MS);

  afterAll(async () => {
    await app?.close();
    await nc?.close();
    if (natsUrl) await ns.cleanup(natsUrl);
    await db?.drop();
    await releaseTestInfrastructure();
  }, TEST_INFRASTRUCTURE_TIMEOUT_MS);

  it('serves liveness and readiness on its HTTP port', async () => {
    expect(app.get(ObservabilityHttpServer).port()).toBeGreaterThan(0);
    await http().get('/health/live').expect(200, { status: 'live' });
    const ready = await http().get('/health/ready').expect(200);
    expect(ready.body).toEqual({
      status: 'ready',
      checks: { database: { status: 'ok' }, nats: { status: 'ok' } },
      failed: [],
    });
    await http().get('/nowhere').expect(404);
  });

  it('counts, times and dead-letters messages, answers RPCs and reports its consumer lag', async () => {
    const event = segmentedEvent();
    const js = nc.jetstream();
    const subject = ns.subjectPrefix + SUBJECTS.documentSegmented;
    await js.publish(subject, encoder.encode(JSON.stringify(event)), { msgID: event.id });
    await js.publish(subject, encoder.encode('{"not json'), { msgID: 'malformed' });
    await js.publish(subject, encoder.encode(JSON.stringify({ ...event, id: 'invalid', payload: {} })), {
      msgID: 'invalid',
    });
    const reply = await nc.request(
      ns.subjectPrefix + rpcSubject('extraction', 'extraction.progress'),
      encoder.encode(JSON.stringify({ gazette_id: gazette })),
      { timeout: 5_000 },
    );
    expect(reply.json<{ ok: boolean }>().ok).toBe(true);

    const labels = { service: 'extraction', subject: SUBJECTS.documentSegmented };
    const text = await waitFor(
      async () => {
        const current = await metrics();
        const deadLetters =
          (sample(current, 'gazette_dead_letters_total', { ...labels, reason: 'malformed_json' }) ?? 0) +
          (sample(current, 'gazette_dead_letters_total', { ...labels, reason: 'invalid_payload' }) ?? 0);
        return sample(current, 'gazette_messages_processed_total', labels) === 1 && deadLetters === 2
          ? current
          : undefined;
      },
      { description: 'one processed and two dead-lettered messages in /metrics', timeoutMs: 15_000 },
    );

    expect(sample(text, 'gazette_messages_failed_total', { ...labels, reason: 'malformed_json' })).toBe(1);
    expect(sample(text, 'gazette_messages_failed_total', { ...labels, reason: 'invalid_payload' })).toBe(1);
    expect(sample(text, 'gazette_dead_letters_total', { ...labels, reason: 'malformed_json' })).toBe(1);
    // Only the message that reached the handler was timed.
    expect(sample(text, 'gazette_handler_duration_seconds_count', labels)).toBe(1);
    expect(sample(text, 'gazette_handler_duration_seconds_sum', labels)).toBeGreaterThan(0);
    expect(sample(text, 'gazette_handler_duration_seconds_bucket', { ...labels, le: '+Inf' })).toBe(1);
    expect(
      sample(text, 'gazette_rpc_requests_total', { service: 'extraction', name: 'extraction.progress', outcome: 'ok' }),
    ).toBe(1);
    expect(sample(text, 'gazette_consumer_pending_messages', { service: 'extraction', stream: 'DOCUMENTS' })).toBe(0);
    // prom-client's default process metrics.
    expect(sample(text, 'process_cpu_user_seconds_total', {})).toBeGreaterThan(0);
    expect(text).toContain('# TYPE nodejs_heap_size_used_bytes gauge');
  });

  it('answers 503 naming the database once its database is gone', async () => {
    await db.drop();
    const response = await http().get('/health/ready').expect(503);
    expect(response.body).toMatchObject({
      status: 'unavailable',
      checks: { database: { status: 'failed' }, nats: { status: 'ok' } },
      failed: ['database'],
    });
    expect((response.body as { checks: { database: { error: string } } }).checks.database.error).toMatch(
      /does not exist|terminat/,
    );
    // Liveness does not depend on the database: restarting the process would not bring it back.
    await http().get('/health/live').expect(200);
  });
});
