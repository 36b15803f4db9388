import { loadConfig } from '@gazette-watch/config';
import { JetStreamClient } from '@gazette-watch/messaging';
import {
  TEST_INFRASTRUCTURE_TIMEOUT_MS,
  createTestNamespace,
  releaseTestInfrastructure,
  testInfrastructure,
} from '@gazette-watch/testing';
import type { INestApplication } from '@nestjs/common';
import type { Server } from 'node:http';
import request from 'supertest';
import { createApiApp } from '../src/api.app';
import { apiConfigSchema } from '../src/api.config';

jest.setTimeout(30_000);

describe('api observability (NATS)', () => {
  const ns = createTestNamespace();
  let natsUrl: string;
  let app: INestApplication;
  let http: Server;

  beforeAll(async () => {
    ({ natsUrl } = await testInfrastructure());
    app = await createApiApp(
      loadConfig(apiConfigSchema, {
        NATS_URL: natsUrl,
        NATS_SUBJECT_PREFIX: ns.subjectPrefix,
        NATS_STREAM_PREFIX: ns.streamPrefix,
        RPC_TIMEOUT_MS: '300',
      }),
      { logger: false },
    );
    await app.listen(0, '127.0.0.1');
    http = app.getHttpServer() as Server;
  }, TEST_INFRASTRUCTURE_TIMEOUT_MS);

  afterAll(async () => {
    await app?.close();
    await releaseTestInfrastructure();
  }, TEST_INFRASTRUCTURE_TIMEOUT_MS);

  it('is live and ready (NATS only: it owns no database), and keeps /health', async () => {
    await request(http).get('/health/live').expect(200, { status: 'live' });
    await request(http)
      .get('/health/ready')
      .expect(200, { status: 'ready', checks: { nats: { status: 'ok' } }, failed: [] });
    await request(http).get('/health').expect(200, { status: 'ok', nats: 'connected' });
  });

  it('counts and times HTTP requests by route pattern and status', async () => {
    const id = 'a'.repeat(64);
    // Nobody answers in this namespace: every stage reports itself unavailable.
    const { status } = await request(http).get(`/gazettes/${id}/progress`);
    await request(http).get('/no/such/route').expect(404);
    const text = (await request(http).get('/metrics').expect(200)).text;
    expect(text).toContain('gazette_http_requests_total{route="/health",status="200"} 1');
    expect(text).toContain(`gazette_http_requests_total{route="/gazettes/:id/progress",status="${status}"} 1`);
    expect(text).toContain('gazette_http_requests_total{route="unmatched",status="404"} 1');
    expect(text).toContain(
      `gazette_http_request_duration_seconds_count{route="/gazettes/:id/progress",status="${status}"} 1`,
    );
    expect(text).toContain('# TYPE process_cpu_seconds_total counter');
    expect(text).not.toContain('gazette_messages_processed_total');
  });

  it('answers 503 naming NATS once its connection is closed', async () => {
    await app.get(JetStreamClient).close();
    const response = await request(http).get('/health/ready').expect(503);
    expect(response.body).toMatchObject({
      status: 'unavailable',
      checks: { nats: { status: 'failed' } },
      failed: ['nats'],
    });
    await request(http).get('/health/live').expect(200);
  });
});
