import { SUBJECTS } from '@gazette-watch/contracts';
import { TEST_INFRASTRUCTURE_TIMEOUT_MS, WebhookReceiver, waitFor } from '@gazette-watch/testing';
import type { Msg } from 'nats';
import request from 'supertest';
import {
  PIPELINE_SERVICES,
  PipelineHarness,
  TEST_ADMIN_KEY,
  distinctAppointments,
  sampleGazettes,
} from './pipeline-harness';

interface LogRecord {
  level: string;
  time: string;
  service: string;
  context?: string;
  message: string;
  correlation_id?: string;
}

/**
 * Operating the pipeline: one correlation id, given by the client of the ingest request, followed
 * through every event of the chain to the public announcement and a subscriber's webhook, and
 * through the JSON log lines of the services; every service's health and metrics endpoints answer.
 */
describe('pipeline observability (six services in-process, PostgreSQL + NATS)', () => {
  const gazette = sampleGazettes().find((g) => distinctAppointments(g).length > 0);
  const correlationId = `obs-${Date.now().toString(36)}`;
  const lines: string[] = [];
  const announcements: Array<{ subject: string; correlation_id: string }> = [];
  let harness: PipelineHarness;
  let spies: jest.SpyInstance[] = [];
  const receiver = new WebhookReceiver();

  beforeAll(async () => {
    // Every service logs JSON lines at info (the harness sets LOG_FORMAT=json); keep them to read.
    spies = [process.stdout, process.stderr].map((stream) =>
      jest.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
        lines.push(String(chunk));
        return true;
      }),
    );
    harness = await PipelineHarness.open({ logLevel: 'info' });
    await harness.startPipeline();
    harness.nc.subscribe(harness.subject('events.>'), {
      callback: (error: Error | null, msg: Msg) => {
        if (!error) announcements.push({ subject: msg.subject, ...msg.json<{ correlation_id: string }>() });
      },
    });
    await harness.nc.flush();
    await receiver.start();
    const api = harness.httpServerOf('api');
    const subscriber = await request(api).post('/subscribers').set('X-API-Key', TEST_ADMIN_KEY).send({ name: 'ops' });
    await request(api)
      .post('/subscriptions')
      .set('X-API-Key', subscriber.body.api_key)
      .send({ name: 'appointments', filter: { kinds: ['appointment'] }, webhook: { url: receiver.url('/ops') } })
      .expect(201);
  }, TEST_INFRASTRUCTURE_TIMEOUT_MS);

  afterAll(async () => {
    await harness?.close();
    await receiver.stop();
    for (const spy of spies) spy.mockRestore();
  }, TEST_INFRASTRUCTURE_TIMEOUT_MS);

  function records(): LogRecord[] {
    return lines
      .flatMap((chunk) => chunk.split('\n'))
      .flatMap((line) => {
        if (!line.startsWith('{')) return [];
        try {
          return [JSON.parse(line) as LogRecord];
        } catch {
          return [];
        }
      });
  }

  it('carries the ingest request id through every event and the log lines of the services', async () => {
    if (!gazette) throw new Error('no sample gazette with appointments');
    const { status, body } = await harness.ingest(gazette, { correlationId });
    expect({ status, correlation_id: body.correlation_id }).toEqual({ status: 201, correlation_id: correlationId });
    await harness.waitUntilComplete([gazette]);
    await waitFor(async () => announcements.length > 0, { timeoutMs: 15_000, description: 'a public announcement' });

    for (const subject of [
      SUBJECTS.gazetteIngested,
      SUBJECTS.documentSegmented,
      SUBJECTS.documentExtracted,
      SUBJECTS.appointmentRecorded,
    ]) {
      const envelopes = await harness.storedEnvelopes(subject);
      expect({ subject, some: envelopes.length > 0 }).toEqual({ subject, some: true });
      expect({ subject, ids: [...new Set(envelopes.map((e) => e.correlation_id))] }).toEqual({
        subject,
        ids: [correlationId],
      });
    }
    expect(new Set(announcements.map((a) => a.correlation_id))).toEqual(new Set([correlationId]));
    const appointments = distinctAppointments(gazette).length;
    await waitFor(async () => receiver.at('/ops').length === appointments, {
      timeoutMs: 15_000,
      description: `${appointments} webhook deliveries`,
    });
    const delivered = receiver.at('/ops').map((r) => JSON.parse(r.body) as { data: { correlation_id: string } });
    expect(new Set(delivered.map((d) => d.data.correlation_id))).toEqual(new Set([correlationId]));

    const all = records();
    for (const record of all) {
      expect(record).toEqual(
        expect.objectContaining({ level: expect.any(String), time: expect.any(String), service: expect.any(String) }),
      );
    }
    const correlated = all.filter((r) => r.correlation_id === correlationId);
    const services = new Set(correlated.map((r) => r.service));
    // The services that log per message at info; the others log only warnings and errors.
    for (const service of ['ingestion', 'segmentation', 'notification']) {
      expect(services).toContain(service);
    }
    // The webhook attempts log under the fact's correlation id too.
    expect(correlated.filter((r) => r.context === 'DeliverWebhook')).toHaveLength(appointments);
    expect(correlated.find((r) => r.service === 'segmentation')).toMatchObject({
      level: 'info',
      context: expect.any(String),
    });
  });

  it('serves health and metrics on every service, the notification service counting its announcements', async () => {
    for (const name of PIPELINE_SERVICES) {
      const http = harness.httpServerOf(name);
      await request(http).get('/health/live').expect(200);
      const ready = await request(http).get('/health/ready');
      expect({ name, status: ready.status, failed: (ready.body as { failed: string[] }).failed }).toEqual({
        name,
        status: 200,
        failed: [],
      });
      const metrics = (await request(http).get('/metrics').expect(200)).text;
      expect(metrics).toContain('process_cpu_seconds_total');
      if (name === 'api') {
        expect(metrics).toMatch(/gazette_http_requests_total\{route="\/gazettes\/:id\/progress",status="200"\} [1-9]/);
      } else if (name !== 'ingestion') {
        expect({
          name,
          processed: /gazette_messages_processed_total\{service="\w+",subject="[\w.]+"\} [1-9]/.test(metrics),
        }).toEqual({
          name,
          processed: true,
        });
      }
      if (name === 'notification') {
        expect(metrics).toMatch(/gazette_notifications_total\{kind="appointment",outcome="announced"\} [1-9]/);
        expect(metrics).toMatch(/gazette_webhook_deliveries_total\{outcome="succeeded"\} [1-9]/);
        expect(metrics).toMatch(/gazette_webhook_attempt_seconds_bucket\{le="[\d.]+",outcome="succeeded"\} [1-9]/);
        expect(metrics).toMatch(/gazette_webhook_delivery_lag_seconds_count [1-9]/);
      }
    }
  });
});
