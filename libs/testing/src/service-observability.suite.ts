import type { INestMicroservice } from '@nestjs/common';
import request from 'supertest';
import type { Server } from 'node:http';
import { createTestDatabase, type TestDatabase } from './test-database';
import { releaseTestInfrastructure, testInfrastructure, TEST_INFRASTRUCTURE_TIMEOUT_MS } from './test-infrastructure';
import { createTestNamespace } from './test-namespace';

/** What the shared observability suite needs to know of one queue-consuming service. */
export interface ObservedService {
  /** The service name, as in its metrics' `service` label. */
  name: string;
  /** The stream its durable consumer reads, as in `gazette_consumer_pending_messages`. */
  stream: string;
  /** Metric names of its own beyond the pipeline's. */
  extraMetrics?: string[];
  /** Builds the (not yet listening) app from the environment the suite prepares. */
  createApp(env: Record<string, string>): Promise<INestMicroservice>;
  /** The HTTP server answering /health and /metrics in that app. */
  httpServerOf(app: INestMicroservice): Server;
}

const PIPELINE_METRICS = [
  'gazette_messages_processed_total',
  'gazette_messages_failed_total',
  'gazette_dead_letters_total',
  'gazette_handler_duration_seconds',
  'gazette_consumer_pending_messages',
  'gazette_rpc_requests_total',
  'process_cpu_user_seconds_total',
];

/**
 * The health, readiness and metrics checks every consuming service passes, on the real PostgreSQL
 * and NATS: one suite, so the services' specs state only what differs.
 */
export function describeServiceObservability(service: ObservedService): void {
  describe(`${service.name} service observability (PostgreSQL + NATS)`, () => {
    const ns = createTestNamespace();
    let natsUrl: string;
    let db: TestDatabase;
    let app: INestMicroservice;
    const http = () => request(service.httpServerOf(app));

    beforeAll(async () => {
      ({ natsUrl } = await testInfrastructure());
      // Empty: the service migrates its schema at boot.
      db = await createTestDatabase();
      app = await service.createApp({
        HTTP_PORT: '0',
        DATABASE_URL: db.url,
        NATS_URL: natsUrl,
        NATS_SUBJECT_PREFIX: ns.subjectPrefix,
        NATS_STREAM_PREFIX: ns.streamPrefix,
        LOG_LEVEL: 'error',
      });
      await app.listen();
    }, TEST_INFRASTRUCTURE_TIMEOUT_MS);

    afterAll(async () => {
      await app?.close();
      if (natsUrl) await ns.cleanup(natsUrl);
      await db?.drop();
      await releaseTestInfrastructure();
    }, TEST_INFRASTRUCTURE_TIMEOUT_MS);

    it('is live and ready once its database and NATS answer', async () => {
      await http().get('/health/live').expect(200, { status: 'live' });
      await http()
        .get('/health/ready')
        .expect(200, { status: 'ready', checks: { database: { status: 'ok' }, nats: { status: 'ok' } }, failed: [] });
    });

    it('exposes the pipeline metrics and the process metrics', async () => {
      const text = (await http().get('/metrics').expect(200)).text;
      for (const name of [...PIPELINE_METRICS, ...(service.extraMetrics ?? [])]) {
        expect(text).toContain(`# TYPE ${name} `);
      }
      expect(text).toContain(
        `gazette_consumer_pending_messages{service="${service.name}",stream="${service.stream}"} 0`,
      );
    });

    it('answers 503 naming the database once its database is gone', async () => {
      await db.drop();
      const response = await http().get('/health/ready').expect(503);
      expect(response.body).toMatchObject({
        status: 'unavailable',
        checks: { database: { status: 'failed' }, nats: { status: 'ok' } },
        failed: ['database'],
      });
      await http().get('/health/live').expect(200);
    });
  });
}
