import { loadConfig } from '@gazette-watch/config';
import {
  notifySubject,
  publicAppointmentSubject,
  publicRegulationSubject,
  SUBSCRIPTION_CONTRACTS,
} from '@gazette-watch/contracts';
import type { RpcReply } from '@gazette-watch/messaging';
import {
  createTestNamespace,
  natsConnectionOptions,
  releaseTestInfrastructure,
  testInfrastructure,
  TEST_INFRASTRUCTURE_TIMEOUT_MS,
  validateAtomFeed,
  waitFor,
  type TestNamespace,
} from '@gazette-watch/testing';
import type { INestApplication } from '@nestjs/common';
import { connect, ErrorCode, NatsError, type NatsConnection, type Subscription } from 'nats';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import request from 'supertest';
import { createApiApp } from '../src/api.app';
import { apiConfigSchema } from '../src/api.config';
import { EventStreamRegistry } from '../src/event-stream.registry';
import { openEventStream } from './event-stream.client';
import {
  ADMIN_KEY,
  appointmentEnvelope,
  appointmentPayload,
  feedEntry,
  notificationMessage,
  NOTIFICATION_ID,
  regulationEnvelope,
  SUBSCRIBER_ID,
  SUBSCRIBER_KEY,
  subscription,
  SUBSCRIPTION_ID,
} from './subscription-fixtures';

jest.setTimeout(30_000);

type CommandName = keyof typeof SUBSCRIPTION_CONTRACTS;
type Answer = (request: unknown) => unknown;

const SUBSCRIBER = { role: 'subscriber', subscriber_id: SUBSCRIBER_ID };
const PUBLIC_BASE_URL = 'https://gazette.example';
const encoder = new TextEncoder();

/**
 * The gateway against real NATS, with the notification service stood in for by responders on
 * `rpc.notification.*` in a namespace of this run: routing, the API-key flow and the relay of live
 * messages published on real core NATS subjects.
 */
describe('subscriptions through the gateway (NATS)', () => {
  let namespace: TestNamespace;
  let natsUrl: string;
  let nc: NatsConnection;
  let app: INestApplication;
  let http: Server;
  let base: string;
  let closed = false;
  const responders = new Map<CommandName, Subscription>();
  const received = new Map<CommandName, unknown[]>();

  /** Answers `name` as the notification service's JetStreamServer would: `{ok: true, data}`. */
  function respond(name: CommandName, answer: Answer): void {
    responders.get(name)?.unsubscribe();
    const subject = `${namespace.subjectPrefix}rpc.notification.${name}`;
    const subscription = nc.subscribe(subject, {
      callback: (error, msg) => {
        if (error) return;
        const data: unknown = msg.json();
        received.set(name, [...(received.get(name) ?? []), data]);
        const reply: RpcReply = { ok: true, data: answer(data) };
        msg.respond(encoder.encode(JSON.stringify(reply)));
      },
    });
    responders.set(name, subscription);
  }

  const requests = (name: CommandName) => received.get(name) ?? [];
  const subject = (logical: string) => `${namespace.subjectPrefix}${logical}`;

  /** Whether anything listens on `logical`: NATS answers "no responders" at once when nothing does. */
  async function hasListener(logical: string): Promise<boolean> {
    try {
      await nc.request(subject(logical), encoder.encode('{}'), { timeout: 300 });
      return true;
    } catch (error) {
      if (error instanceof NatsError && error.code === ErrorCode.NoResponders) return false;
      if (error instanceof NatsError && error.code === ErrorCode.Timeout) return true;
      throw error;
    }
  }

  beforeAll(async () => {
    ({ natsUrl } = await testInfrastructure());
    namespace = createTestNamespace();
    nc = await connect(natsConnectionOptions(natsUrl));
    app = await createApiApp(
      loadConfig(apiConfigSchema, {
        NATS_URL: natsUrl,
        NATS_SUBJECT_PREFIX: namespace.subjectPrefix,
        NATS_STREAM_PREFIX: namespace.streamPrefix,
        RPC_TIMEOUT_MS: '2000',
        ADMIN_API_KEYS: ADMIN_KEY,
        SSE_HEARTBEAT_MS: '200',
        PUBLIC_BASE_URL,
      }),
      { logger: process.env.TEST_LOGS ? undefined : false },
    );
    await app.listen(0, '127.0.0.1');
    http = app.getHttpServer() as Server;
    base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  }, TEST_INFRASTRUCTURE_TIMEOUT_MS);

  beforeEach(async () => {
    // Every key is known to the stand-in; the gateway caches it once asked.
    respond('subscriber.authenticate', (data) => ({
      subscriber_id: (data as { api_key: string }).api_key === SUBSCRIBER_KEY ? SUBSCRIBER_ID : null,
    }));
    await nc.flush();
  });

  afterEach(async () => {
    for (const subscription of responders.values()) subscription.unsubscribe();
    responders.clear();
    received.clear();
    await nc.flush();
  });

  afterAll(async () => {
    if (!closed) await app?.close();
    await nc?.close();
    await namespace?.cleanup(natsUrl);
    await releaseTestInfrastructure();
  }, TEST_INFRASTRUCTURE_TIMEOUT_MS);

  describe('authentication', () => {
    it('asks subscriber.authenticate once for a subscriber key and passes the principal on', async () => {
      respond('subscription.list', () => ({ ok: true, result: { total: 1, items: [subscription] } }));
      await nc.flush();
      await request(http)
        .get('/subscriptions')
        .set('Authorization', `Bearer ${SUBSCRIBER_KEY}`)
        .expect(200, { total: 1, items: [subscription] });
      await request(http).get('/subscriptions?limit=5').set('X-API-Key', SUBSCRIBER_KEY).expect(200);
      expect(requests('subscriber.authenticate')).toEqual([{ api_key: SUBSCRIBER_KEY }]);
      expect(requests('subscription.list')).toEqual([
        { principal: SUBSCRIBER, limit: 50, offset: 0 },
        { principal: SUBSCRIBER, limit: 5, offset: 0 },
      ]);
    });

    it('answers 401 for a key the service does not know, and knows an admin key by itself', async () => {
      respond('subscriber.list', () => ({ ok: true, result: { total: 0, items: [] } }));
      await nc.flush();
      const unknown = await request(http).get('/subscriptions').set('X-API-Key', 'gw_nobody_has_this').expect(401);
      expect(unknown.headers['www-authenticate']).toContain('Bearer');
      expect(requests('subscriber.authenticate')).toEqual([{ api_key: 'gw_nobody_has_this' }]);

      await request(http).get('/subscribers').set('X-API-Key', ADMIN_KEY).expect(200);
      expect(requests('subscriber.list')).toEqual([{ principal: { role: 'admin' }, limit: 50, offset: 0 }]);
      expect(requests('subscriber.authenticate')).toHaveLength(1);
      await request(http).get('/subscribers').set('X-API-Key', SUBSCRIBER_KEY).expect(403);
    });

    it('answers 503 when nobody answers subscriber.authenticate', async () => {
      responders.get('subscriber.authenticate')?.unsubscribe();
      responders.delete('subscriber.authenticate');
      await nc.flush();
      const response = await request(http).get('/subscriptions').set('X-API-Key', 'gw_another_unknown_key').expect(503);
      expect(response.body.message).toContain('notification service did not answer subscriber.authenticate');
    });
  });

  describe('commands', () => {
    it('routes POST /subscriptions to subscription.create with the principal', async () => {
      respond('subscription.create', () => ({
        ok: true,
        result: { subscription, secret: 'whsec_c2VjcmV0', backfilled: 0 },
      }));
      await nc.flush();
      const response = await request(http)
        .post('/subscriptions')
        .set('X-API-Key', SUBSCRIBER_KEY)
        .send({ name: '吕梁市任免', filter: { kinds: ['appointment'], regions: ['吕梁市'] } })
        .expect(201);
      expect(response.body.secret).toBe('whsec_c2VjcmV0');
      expect(requests('subscription.create')).toEqual([
        { principal: SUBSCRIBER, name: '吕梁市任免', filter: { kinds: ['appointment'], regions: ['吕梁市'] } },
      ]);
    });

    it('passes a refusal on as its status and a broken reply as 502', async () => {
      respond('subscription.get', () => ({ ok: false, error: { status: 404, message: 'no such subscription' } }));
      respond('delivery.redeliver', () => ({ ok: true, result: { id: 'not a delivery' } }));
      await nc.flush();
      const missing = await request(http)
        .get(`/subscriptions/${SUBSCRIPTION_ID}`)
        .set('X-API-Key', SUBSCRIBER_KEY)
        .expect(404);
      expect(missing.body).toEqual({ statusCode: 404, error: 'Not Found', message: 'no such subscription' });
      const broken = await request(http)
        .post(`/deliveries/${SUBSCRIPTION_ID}/redeliver`)
        .set('X-API-Key', SUBSCRIBER_KEY)
        .expect(502);
      expect(broken.body.message).toContain('outside its contract');
    });

    it('answers 503 naming the notification service when it does not run', async () => {
      const response = await request(http).get('/subscriptions').set('X-API-Key', SUBSCRIBER_KEY).expect(503);
      expect(response.body.message).toBe(
        'the notification service did not answer subscription.list: no instance is running (no responder)',
      );
    });
  });

  describe('Atom feeds', () => {
    const feed = { title: '吕梁市任免', updated_at: '2024-03-18T09:30:00.000Z', entries: [feedEntry()] };

    it("serves a subscription's feed to a reader that passes the key in the URL", async () => {
      respond('feed.entries', () => ({ ok: true, result: feed }));
      await nc.flush();
      const response = await request(http)
        .get(`/subscriptions/${SUBSCRIPTION_ID}/feed.atom?api_key=${SUBSCRIBER_KEY}`)
        .expect(200);
      expect(response.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
      expect(validateAtomFeed(response.text)).toEqual([]);
      expect(response.text).toContain(`href="${PUBLIC_BASE_URL}/subscriptions/${SUBSCRIPTION_ID}/feed.atom"`);
      expect(response.text).not.toContain(SUBSCRIBER_KEY);
      expect(requests('feed.entries')).toEqual([
        { principal: SUBSCRIBER, subscription_id: SUBSCRIPTION_ID, limit: 100 },
      ]);
    });

    it('serves the public feed of a region without a key', async () => {
      respond('feed.entries', () => ({ ok: true, result: feed }));
      await nc.flush();
      const response = await request(http)
        .get(`/feeds/appointment/${encodeURIComponent('吕梁市')}.atom`)
        .expect(200);
      expect(validateAtomFeed(response.text)).toEqual([]);
      expect(requests('feed.entries')).toEqual([{ kind: 'appointment', region: '吕梁市', limit: 100 }]);
    });
  });

  describe('server-sent events', () => {
    it("relays a subscription's notify subject, and unsubscribes when the client goes away", async () => {
      respond('subscription.get', () => ({ ok: true, result: subscription }));
      await nc.flush();
      const live = notifySubject(SUBSCRIPTION_ID);
      const stream = await openEventStream(`${base}/subscriptions/${SUBSCRIPTION_ID}/stream?api_key=${SUBSCRIBER_KEY}`);
      expect(stream.status).toBe(200);
      expect(requests('subscription.get')).toEqual([{ principal: SUBSCRIBER, subscription_id: SUBSCRIPTION_ID }]);

      const message = notificationMessage();
      nc.publish(subject(live), encoder.encode('{"type":"appointment.created"}'));
      nc.publish(subject(live), encoder.encode(JSON.stringify(message)));
      // The same id in another run's namespace must not reach this gateway.
      nc.publish(
        `tother.${live}`,
        encoder.encode(JSON.stringify(notificationMessage({ notification_id: SUBSCRIBER_ID }))),
      );
      const [event] = await stream.eventsAfter(1);
      expect(event).toEqual({ id: NOTIFICATION_ID, event: 'appointment.created', data: JSON.stringify(message) });
      expect(stream.retry).toBeGreaterThan(0);
      await waitFor(async () => stream.comments.includes('heartbeat'), {
        description: 'a heartbeat',
        timeoutMs: 2_000,
      });
      expect(stream.events).toHaveLength(1);

      expect(await hasListener(live)).toBe(true);
      stream.close();
      await waitFor(async () => !(await hasListener(live)), { description: 'the gateway to unsubscribe' });
      expect(app.get(EventStreamRegistry).size).toBe(0);
    });

    it('relays the public facts that match the query-string filter', async () => {
      const stream = await openEventStream(
        `${base}/events/stream?kinds=appointment&regions=${encodeURIComponent('吕梁市')}`,
      );
      expect(stream.status).toBe(200);
      const match = appointmentEnvelope();
      const otherRegion = appointmentEnvelope(appointmentPayload({ region: '吕梁市离石区', person: '李四' }));
      const regulation = regulationEnvelope();
      nc.publish(subject(publicRegulationSubject('太原市', '办法')), encoder.encode(JSON.stringify(regulation)));
      nc.publish(subject(publicAppointmentSubject('吕梁市离石区')), encoder.encode(JSON.stringify(otherRegion)));
      nc.publish(subject(publicAppointmentSubject('吕梁市')), encoder.encode('not json'));
      nc.publish(subject(publicAppointmentSubject('吕梁市')), encoder.encode(JSON.stringify(match)));
      const [event] = await stream.eventsAfter(1);
      expect(event.event).toBe('appointment');
      expect(event.id).toBe(match.id);
      expect(JSON.parse(event.data)).toMatchObject({
        type: 'appointment.recorded',
        fact_id: match.id,
        region: '吕梁市',
        title: '[吕梁市] 任命 张三 为 市财政局局长',
      });

      // Messages are routed in order on one connection: once this one is in, the others were dropped.
      const second = appointmentEnvelope(appointmentPayload({ person: '王五' }));
      nc.publish(subject(publicAppointmentSubject('吕梁市')), encoder.encode(JSON.stringify(second)));
      const events = await stream.eventsAfter(2);
      expect(events.map((e) => e.id)).toEqual([match.id, second.id]);
      stream.close();
      await waitFor(async () => !(await hasListener('events.appointment.x')), {
        description: 'the gateway to unsubscribe',
      });
    });

    it('refuses a malformed filter with 400 before opening a stream', async () => {
      const response = await request(http).get('/events/stream?regions=,&colour=red').expect(400);
      expect(response.body.issues.map((issue: { path: string }) => issue.path).sort()).toEqual(['', 'regions']);
    });
  });

  it('documents the routes and their security schemes in OpenAPI', async () => {
    const { body } = await request(http).get('/docs-json').expect(200);
    expect(Object.keys(body.components.securitySchemes).sort()).toEqual(['api-key', 'api-key-query', 'bearer']);
    expect(body.paths['/subscriptions'].post.security).toEqual(
      expect.arrayContaining([{ bearer: [] }, { 'api-key': [] }]),
    );
    expect(body.paths['/subscribers'].get.security).toEqual(expect.arrayContaining([{ bearer: [] }]));
    expect(body.paths['/subscribers'].get.responses).toHaveProperty('403');
    expect(body.paths['/subscriptions/{id}/stream'].get.security).toEqual(
      expect.arrayContaining([{ 'api-key-query': [] }]),
    );
    expect(body.paths['/events/stream'].get.security).toBeUndefined();
    expect(body.paths['/feeds/{kind}/{region}.atom'].get.security).toBeUndefined();
    expect(body.paths['/events/stream'].get.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['kinds', 'regions', 'keywords']),
    );
  });

  it('closes open event streams at shutdown instead of waiting for them', async () => {
    const stream = await openEventStream(`${base}/events/stream`);
    expect(stream.status).toBe(200);
    const started = Date.now();
    closed = true;
    await app.close();
    expect(Date.now() - started).toBeLessThan(2_000);
    await waitFor(async () => stream.ended, { description: 'the stream to end' });
  });
});
