import request from 'supertest';
import { ObservabilityHttpServer, databaseReadiness, natsReadiness, readinessOf } from './observability-http.server';
import { PrometheusMetrics } from './prometheus.metrics';

describe('readinessOf', () => {
  it('is ready when every check passes and names the ones that fail or hang', async () => {
    const view = await readinessOf(
      [
        databaseReadiness(async (sql) => expect(sql).toBe('SELECT 1')),
        natsReadiness(() => false),
        { name: 'slow', check: () => new Promise(() => undefined) },
      ],
      50,
    );
    expect(view).toEqual({
      status: 'unavailable',
      checks: {
        database: { status: 'ok' },
        nats: { status: 'failed', error: 'not connected to NATS' },
        slow: { status: 'failed', error: 'no answer within 50 ms' },
      },
      failed: ['nats', 'slow'],
    });
    expect((await readinessOf([natsReadiness(() => true)])).status).toBe('ready');
  });
});

describe('ObservabilityHttpServer', () => {
  const metrics = new PrometheusMetrics('unit', { defaultMetrics: false });
  let up = true;
  const server = new ObservabilityHttpServer({ port: 0, metrics, readiness: [natsReadiness(() => up)] });

  beforeAll(() => server.onApplicationBootstrap());
  afterAll(() => server.onApplicationShutdown());

  it('serves liveness, readiness and the metrics text on a free port', async () => {
    expect(server.port()).toBeGreaterThan(0);
    metrics.jetstream.messageProcessed('gazette.ingested');
    metrics.jetstream.handlerDuration('gazette.ingested', 0.02);
    await request(server.httpServer).get('/health/live').expect(200, { status: 'live' });
    await request(server.httpServer).get('/health/ready').expect(200);
    up = false;
    const down = await request(server.httpServer).get('/health/ready').expect(503);
    expect(down.body).toMatchObject({ status: 'unavailable', failed: ['nats'] });
    const text = (await request(server.httpServer).get('/metrics').expect(200)).text;
    expect(text).toContain('gazette_messages_processed_total{service="unit",subject="gazette.ingested"} 1');
    expect(text).toContain('gazette_handler_duration_seconds_count{service="unit",subject="gazette.ingested"} 1');
    await request(server.httpServer).post('/metrics').expect(405);
    await request(server.httpServer).get('/other').expect(404);
  });
});
