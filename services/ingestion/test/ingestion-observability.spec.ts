import { loadConfig } from '@gazette-watch/config';
import { rpcSubject } from '@gazette-watch/contracts';
import {
  TEST_INFRASTRUCTURE_TIMEOUT_MS,
  createTestDatabase,
  createTestNamespace,
  natsConnectionOptions,
  releaseTestInfrastructure,
  testInfrastructure,
  type TestDatabase,
} from '@gazette-watch/testing';
import type { INestApplication } from '@nestjs/common';
import { connect, type NatsConnection } from 'nats';
import type { Server } from 'node:http';
import request from 'supertest';
import { createIngestionApp } from '../src/ingestion.app';
import { ingestionConfigSchema } from '../src/ingestion.config';

jest.setTimeout(30_000);

describe('ingestion service observability (PostgreSQL + NATS)', () => {
  const ns = createTestNamespace();
  let natsUrl: string;
  let db: TestDatabase;
  let app: INestApplication;
  let http: Server;
  let nc: NatsConnection;
  const lines: string[] = [];
  let stdout: jest.SpyInstance;

  beforeAll(async () => {
    ({ natsUrl } = await testInfrastructure());
    db = await createTestDatabase();
    nc = await connect(natsConnectionOptions(natsUrl));
    // JSON lines are what a collector reads; capture them to check the correlation id is there.
    stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    app = await createIngestionApp(
      loadConfig(ingestionConfigSchema, {
        DATABASE_URL: db.url,
        NATS_URL: natsUrl,
        NATS_SUBJECT_PREFIX: ns.subjectPrefix,
        NATS_STREAM_PREFIX: ns.streamPrefix,
        LOG_LEVEL: 'info',
        LOG_FORMAT: 'json',
      }),
    );
    await app.listen(0, '127.0.0.1');
    http = app.getHttpServer() as Server;
  }, TEST_INFRASTRUCTURE_TIMEOUT_MS);

  afterAll(async () => {
    stdout?.mockRestore();
    await app?.close();
    await nc?.close();
    if (natsUrl) await ns.cleanup(natsUrl);
    await db?.drop();
    await releaseTestInfrastructure();
  }, TEST_INFRASTRUCTURE_TIMEOUT_MS);

  it('is live and ready beside its routes, and keeps /health', async () => {
    await request(http).get('/health/live').expect(200, { status: 'live' });
    await request(http)
      .get('/health/ready')
      .expect(200, { status: 'ready', checks: { database: { status: 'ok' }, nats: { status: 'ok' } }, failed: [] });
    await request(http).get('/health').expect(200, { status: 'ok' });
  });

  it('logs JSON lines carrying the ingest request id as the correlation id', async () => {
    const correlationId = 'obs-ingest-1';
    const response = await request(http)
      .post('/gazettes')
      .set('Content-Type', 'text/plain')
      .set('X-Correlation-Id', correlationId)
      .send(Buffer.from('吕梁市人民政府公报\n2023年第1期\n'))
      .expect(201);
    expect(response.body).toMatchObject({ correlation_id: correlationId });

    const records = lines.flatMap((line) => {
      try {
        return [JSON.parse(line) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
    expect(records.length).toBeGreaterThan(0);
    for (const record of records) {
      expect(record).toEqual(
        expect.objectContaining({ level: expect.any(String), time: expect.any(String), service: 'ingestion' }),
      );
    }
    expect(records.filter((r) => r.correlation_id === correlationId)).toContainEqual(
      expect.objectContaining({ level: 'info', service: 'ingestion', context: expect.any(String) }),
    );
  });

  it('counts the gazette.fetch requests it answers', async () => {
    await nc.request(ns.subjectPrefix + rpcSubject('ingestion', 'gazette.fetch'), new TextEncoder().encode('{}'), {
      timeout: 5_000,
    });
    const text = (await request(http).get('/metrics').expect(200)).text;
    expect(text).toMatch(/gazette_rpc_requests_total\{service="ingestion",name="gazette.fetch",outcome="rejected"\} 1/);
    for (const name of [
      'gazette_messages_processed_total',
      'gazette_handler_duration_seconds',
      'process_cpu_seconds_total',
    ]) {
      expect(text).toContain(`# TYPE ${name} `);
    }
  });

  it('answers 503 naming the database once its database is gone', async () => {
    await db.drop();
    const response = await request(http).get('/health/ready').expect(503);
    expect(response.body).toMatchObject({ status: 'unavailable', failed: ['database'] });
    await request(http).get('/health/live').expect(200);
  });
});
