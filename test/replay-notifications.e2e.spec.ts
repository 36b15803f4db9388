import type { NotificationMessage, ReplayStatus } from '@gazette-watch/contracts';
import { parseGazette, type GazetteParse } from '@gazette-watch/parser';
import { TEST_INFRASTRUCTURE_TIMEOUT_MS, WebhookReceiver, waitFor } from '@gazette-watch/testing';
import type { Server } from 'node:http';
import { Webhook } from 'standardwebhooks';
import request from 'supertest';
import type { GazetteParser } from '../services/segmentation/src';
import {
  PIPELINE_TIMEOUT_MS,
  PipelineHarness,
  TEST_ADMIN_KEY,
  expectedPublicEvents,
  recordsWithIds,
  sameBytes,
  sampleGazettes,
  type Gazette,
} from './pipeline-harness';

/**
 * Issue 5's replay promise to subscribers, end to end: the corpus is ingested with a subscription
 * in place; replaying everything sends nothing; after the parser improves so that it finds one
 * more fact, a replay notifies exactly that fact, and the replay report lists it.
 */
describe('replay and subscribers', () => {
  const gazettes = sampleGazettes();
  const lvliang = gazettes.find((g) => g.fileName === 'lvliang-2023.txt') as Gazette;
  /** A record listed once in its document: a parser that misses it misses one fact. */
  const missed = recordsWithIds(lvliang).find(({ id }, _i, all) => all.filter((other) => other.id === id).length === 1);
  if (!missed) throw new Error('lvliang has no record listed once');

  const receiver = new WebhookReceiver();
  let harness: PipelineHarness;
  let api: Server;
  let secret: string;

  /** Today's parser, which does not find the lvliang record yet. */
  function olderParser(bytes: Uint8Array, options: Parameters<GazetteParser>[1]): GazetteParse {
    const parse = parseGazette(bytes, options);
    if (!sameBytes(bytes, lvliang.bytes)) return parse;
    return { ...parse, appointments: parse.appointments.filter((_record, i) => i !== missed!.position) };
  }

  async function replayAll(): Promise<ReplayStatus> {
    const started = await request(api)
      .post('/admin/replay')
      .set('Authorization', `Bearer ${TEST_ADMIN_KEY}`)
      .send({ all: true })
      .expect(202);
    const runId: string = started.body.run_id;
    return waitFor(
      async () => {
        const reply = await request(api).get(`/admin/replays/${runId}`).set('X-API-Key', TEST_ADMIN_KEY).expect(200);
        if (!reply.body.complete) throw new Error(`run ${runId} is not complete`);
        return reply.body as ReplayStatus;
      },
      { timeoutMs: PIPELINE_TIMEOUT_MS, intervalMs: 250, description: 'the replay to complete' },
    );
  }

  /** Every stage has gone quiet and the dispatcher had time to send what it queued. */
  async function settled(): Promise<void> {
    await harness.waitUntilSettled();
    await new Promise((resolve) => setTimeout(resolve, 500));
  }

  beforeAll(async () => {
    await receiver.start();
    harness = await PipelineHarness.open();
    await harness.start('ingestion');
    await harness.start('segmentation', { parse: olderParser });
    for (const name of ['extraction', 'appointments', 'notification', 'api'] as const) await harness.start(name);
    api = harness.httpServerOf('api');

    const subscriber = await request(api)
      .post('/subscribers')
      .set('X-API-Key', TEST_ADMIN_KEY)
      .send({ name: 'replay desk' })
      .expect(201);
    const created = await request(api)
      .post('/subscriptions')
      .set('Authorization', `Bearer ${subscriber.body.api_key}`)
      .send({ name: 'everything', webhook: { url: receiver.url('/all') } })
      .expect(201);
    secret = created.body.secret;
  }, TEST_INFRASTRUCTURE_TIMEOUT_MS);

  afterAll(async () => {
    await harness?.close();
    await receiver.stop();
  }, TEST_INFRASTRUCTURE_TIMEOUT_MS);

  const bodies = () => receiver.at('/all').map((r) => JSON.parse(r.body) as NotificationMessage);

  it('notifies every fact of the first ingestion once', async () => {
    for (const gazette of gazettes) expect((await harness.ingest(gazette)).status).toBe(201);
    const expected = expectedPublicEvents(gazettes) - 1;
    await waitFor(async () => receiver.at('/all').length >= expected, {
      timeoutMs: PIPELINE_TIMEOUT_MS,
      description: `${expected} deliveries`,
    });
    await settled();
    expect(receiver.at('/all')).toHaveLength(expected);
    for (const delivery of receiver.at('/all')) {
      expect(() =>
        new Webhook(secret).verify(delivery.body, {
          'webhook-id': String(delivery.headers['webhook-id']),
          'webhook-timestamp': String(delivery.headers['webhook-timestamp']),
          'webhook-signature': String(delivery.headers['webhook-signature']),
        }),
      ).not.toThrow();
    }
    expect(new Set(bodies().map((b) => b.data.fact_id)).size).toBe(expected);
    expect(bodies().every((b) => b.type.endsWith('.created'))).toBe(true);
  }, 120_000);

  it('sends zero notifications when everything is replayed through the same parser', async () => {
    const before = receiver.at('/all').length;
    const report = await replayAll();
    expect(report.totals).toMatchObject({
      gazettes: 4,
      done: 4,
      documents: { added: 0, removed: 0, changed: 0 },
      appointments: { added: 0, removed: 0, changed: 0 },
    });
    await settled();
    expect(receiver.at('/all')).toHaveLength(before);
  }, 120_000);

  it('notifies exactly the one fact a better parser finds, and the report lists it', async () => {
    const before = receiver.at('/all').length;
    await harness.stopAll('segmentation');
    await harness.start('segmentation');

    const report = await replayAll();
    expect(report.totals).toMatchObject({
      documents: { added: 0, removed: 0, changed: 0 },
      appointments: { added: 1, removed: 0, changed: 0 },
    });
    const lvliangReport = report.gazettes.find((g) => g.gazette_id === lvliang.id);
    expect(lvliangReport?.appointments.added).toEqual([
      expect.objectContaining({ appointment_id: missed.id, person: missed.record.person }),
    ]);

    await waitFor(async () => receiver.at('/all').length > before, { description: 'the new fact to be delivered' });
    await settled();
    const fresh = bodies().slice(before);
    expect(fresh).toHaveLength(1);
    expect(fresh[0]).toMatchObject({
      type: 'appointment.created',
      data: {
        kind: 'appointment',
        revision: 1,
        fact: { appointment_id: missed.id, person: missed.record.person, position: missed.record.position },
      },
    });
    // The replay's correlation id travelled with the fact to the subscriber.
    expect(fresh[0].data.correlation_id).toBe(`replay:${report.run.run_id}`);
  }, 120_000);
});
