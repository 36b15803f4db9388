import { loadConfig } from '@gazette-watch/config';
import { ObservabilityHttpServer } from '@gazette-watch/messaging';
import {
  TEST_INFRASTRUCTURE_TIMEOUT_MS,
  createTestDatabase,
  createTestNamespace,
  releaseTestInfrastructure,
  testInfrastructure,
  type TestDatabase,
} from '@gazette-watch/testing';
import type { INestMicroservice } from '@nestjs/common';
import request from 'supertest';
import { createAppointmentsApp } from '../src/appointments.app';
import { appointmentsConfigSchema } from '../src/appointments.config';

jest.setTimeout(30_000);

describe('appointments service observability (PostgreSQL + NATS)', () => {
  const ns = createTestNamespace();
  let natsUrl: string;
  let db: TestDatabase;
  let app: INestMicroservice;

  function http() {
    return request(app.get(ObservabilityHttpServer).httpServer);
  }

  beforeAll(async () => {
    ({ natsUrl } = await testInfrastructure());
    // Empty: the service migrates its schema at boot.
    db = await createTestDatabase();
    app = await createAppointmentsApp(
      loadConfig(appointmentsConfigSchema, {
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
    for (const name of [
      'gazette_messages_processed_total',
      'gazette_messages_failed_total',
      'gazette_dead_letters_total',
      'gazette_handler_duration_seconds',
      'gazette_consumer_pending_messages',
      'gazette_rpc_requests_total',
      'process_cpu_user_seconds_total',
    ]) {
      expect(text).toContain(`# TYPE ${name} `);
    }
    expect(text).toContain('gazette_consumer_pending_messages{service="appointments",stream="DOCUMENTS"} 0');
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
