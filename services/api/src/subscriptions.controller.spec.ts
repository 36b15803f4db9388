import request from 'supertest';
import type { App } from 'supertest/types';
import { createGatewayTestApp, done, refused, type GatewayTestApp } from '../test/gateway-test.app';
import {
  ADMIN,
  ADMIN_KEY,
  delivery,
  OTHER_SUBSCRIBER_ID,
  SUBSCRIBER,
  SUBSCRIBER_ID,
  SUBSCRIBER_KEY,
  subscription,
  SUBSCRIPTION_ID,
} from '../test/subscription-fixtures';
import { SubscriptionsController } from './subscriptions.controller';

const asSubscriber = { Authorization: `Bearer ${SUBSCRIBER_KEY}` };
const asAdmin = { 'X-API-Key': ADMIN_KEY };
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

describe('SubscriptionsController', () => {
  let gateway: GatewayTestApp;
  let http: App;

  beforeEach(async () => {
    gateway = await createGatewayTestApp([SubscriptionsController]);
    http = gateway.app.getHttpServer() as App;
  });

  afterEach(() => gateway.close());

  describe('POST /subscriptions', () => {
    it('creates with the caller as principal and answers 201 with the secret', async () => {
      gateway.wire.mockResolvedValueOnce(done({ subscription, secret: SECRET, backfilled: 3 }));
      const response = await request(http)
        .post('/subscriptions')
        .set(asSubscriber)
        .send({
          name: '吕梁市任免',
          filter: { kinds: ['appointment'], regions: ['吕梁市'] },
          webhook: { url: 'https://hooks.example.org/gazette' },
          backfill_since: '2024-01-01',
        })
        .expect(201);
      expect(response.body).toEqual({ subscription, secret: SECRET, backfilled: 3 });
      expect(gateway.wire).toHaveBeenCalledTimes(1);
      expect(gateway.wire).toHaveBeenCalledWith('subscription.create', {
        principal: SUBSCRIBER,
        name: '吕梁市任免',
        filter: { kinds: ['appointment'], regions: ['吕梁市'] },
        webhook: { url: 'https://hooks.example.org/gazette' },
        backfill_since: '2024-01-01',
      });
    });

    it('puts the authenticated principal over one the body claims', async () => {
      gateway.wire.mockResolvedValueOnce(done({ subscription, secret: null, backfilled: 0 }));
      await request(http)
        .post('/subscriptions')
        .set(asSubscriber)
        .send({ name: 'x', principal: { role: 'admin' } })
        .expect(201);
      expect(gateway.wire).toHaveBeenCalledWith('subscription.create', {
        principal: SUBSCRIBER,
        name: 'x',
        filter: {},
      });
    });

    it('lets an operator create for a subscriber, and refuses a subscriber naming another', async () => {
      gateway.wire.mockResolvedValueOnce(done({ subscription, secret: null, backfilled: 0 }));
      await request(http)
        .post('/subscriptions')
        .set(asAdmin)
        .send({ name: 'x', subscriber_id: SUBSCRIBER_ID })
        .expect(201);
      expect(gateway.wire).toHaveBeenCalledWith('subscription.create', {
        principal: ADMIN,
        subscriber_id: SUBSCRIBER_ID,
        name: 'x',
        filter: {},
      });

      const refusal = await request(http)
        .post('/subscriptions')
        .set(asSubscriber)
        .send({ name: 'x', subscriber_id: OTHER_SUBSCRIBER_ID })
        .expect(403);
      expect(refusal.body).toMatchObject({ statusCode: 403, error: 'Forbidden' });
      expect(gateway.wire).toHaveBeenCalledTimes(1);
    });

    it.each([
      ['an unknown filter key', { colour: ['red'] }, 'filter'],
      ['an empty term list', { regions: [] }, 'filter.regions'],
      ['people with kinds [regulation]', { kinds: ['regulation'], people: ['张三'] }, 'filter.people'],
    ])('answers 400 with the issues for %s, without asking', async (_case, filter, path) => {
      const response = await request(http)
        .post('/subscriptions')
        .set(asSubscriber)
        .send({ name: 'x', filter })
        .expect(400);
      expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(response.body.issues).toEqual([expect.objectContaining({ path })]);
      expect(gateway.wire).not.toHaveBeenCalled();
    });

    it('answers 400 for a webhook URL that is not http(s) and for a body that is not an object', async () => {
      const bad = await request(http)
        .post('/subscriptions')
        .set(asSubscriber)
        .send({ name: 'x', webhook: { url: 'ftp://example.org/' } })
        .expect(400);
      expect(bad.body.issues).toEqual([expect.objectContaining({ path: 'webhook.url' })]);
      await request(http).post('/subscriptions').set(asSubscriber).send(['x']).expect(400);
      expect(gateway.wire).not.toHaveBeenCalled();
    });

    it('answers 401 with a Bearer challenge without a key or with an unknown one', async () => {
      const missing = await request(http).post('/subscriptions').send({ name: 'x' }).expect(401);
      expect(missing.headers['www-authenticate']).toBe('Bearer realm="gazette-watch"');
      const unknown = await request(http)
        .post('/subscriptions')
        .set('Authorization', 'Bearer not-a-known-key')
        .send({ name: 'x' })
        .expect(401);
      expect(unknown.headers['www-authenticate']).toContain('error="invalid_token"');
      expect(gateway.wire).not.toHaveBeenCalled();
    });

    it('does not take the key from the query string outside feeds and streams', async () => {
      await request(http).post(`/subscriptions?api_key=${SUBSCRIBER_KEY}`).send({ name: 'x' }).expect(401);
      await request(http).get(`/subscriptions?api_key=${SUBSCRIBER_KEY}`).expect(401);
    });

    it('passes a refusal of the service on with its status', async () => {
      gateway.wire.mockResolvedValueOnce(refused(409, 'a subscription named x exists'));
      const response = await request(http).post('/subscriptions').set(asSubscriber).send({ name: 'x' }).expect(409);
      expect(response.body).toEqual({ statusCode: 409, error: 'Conflict', message: 'a subscription named x exists' });
    });
  });

  it('GET /subscriptions lists with the page as numbers and the principal', async () => {
    gateway.wire.mockResolvedValueOnce(done({ total: 1, items: [subscription] }));
    const response = await request(http).get('/subscriptions?limit=10&offset=20').set(asSubscriber).expect(200);
    expect(response.body).toEqual({ total: 1, items: [subscription] });
    expect(gateway.wire).toHaveBeenCalledWith('subscription.list', { principal: SUBSCRIBER, limit: 10, offset: 20 });
    await request(http).get('/subscriptions?limit=0').set(asSubscriber).expect(400);
  });

  describe('GET|PATCH|DELETE /subscriptions/:id', () => {
    it('gets one, mapping 404 and 403 refusals', async () => {
      gateway.wire.mockResolvedValueOnce(done(subscription));
      await request(http).get(`/subscriptions/${SUBSCRIPTION_ID}`).set(asSubscriber).expect(200, subscription);
      expect(gateway.wire).toHaveBeenLastCalledWith('subscription.get', {
        principal: SUBSCRIBER,
        subscription_id: SUBSCRIPTION_ID,
      });

      gateway.wire.mockResolvedValueOnce(refused(404, `subscription ${SUBSCRIPTION_ID} is not known`));
      const missing = await request(http).get(`/subscriptions/${SUBSCRIPTION_ID}`).set(asSubscriber).expect(404);
      expect(missing.body).toEqual({
        statusCode: 404,
        error: 'Not Found',
        message: `subscription ${SUBSCRIPTION_ID} is not known`,
      });
      gateway.wire.mockResolvedValueOnce(refused(403, 'not yours'));
      await request(http).get(`/subscriptions/${SUBSCRIPTION_ID}`).set(asSubscriber).expect(403);
    });

    it('answers 400 for an id that is not a uuid, without asking', async () => {
      const response = await request(http).get('/subscriptions/42').set(asSubscriber).expect(400);
      expect(response.body.issues).toEqual([expect.objectContaining({ path: 'subscription_id' })]);
      expect(gateway.wire).not.toHaveBeenCalled();
    });

    it('updates with the id from the path, not from the body', async () => {
      gateway.wire.mockResolvedValueOnce(done({ ...subscription, webhook: null }));
      await request(http)
        .patch(`/subscriptions/${SUBSCRIPTION_ID}`)
        .set(asSubscriber)
        .send({ subscription_id: '00000000-0000-4000-8000-000000000000', webhook: null, name: '新名' })
        .expect(200);
      expect(gateway.wire).toHaveBeenCalledWith('subscription.update', {
        principal: SUBSCRIBER,
        subscription_id: SUBSCRIPTION_ID,
        webhook: null,
        name: '新名',
      });
      await request(http)
        .patch(`/subscriptions/${SUBSCRIPTION_ID}`)
        .set(asSubscriber)
        .send({ filter: { keywords: [''] } })
        .expect(400);
      expect(gateway.wire).toHaveBeenCalledTimes(1);
    });

    it('deletes with 204', async () => {
      gateway.wire.mockResolvedValueOnce(done({ deleted: true }));
      const response = await request(http).delete(`/subscriptions/${SUBSCRIPTION_ID}`).set(asSubscriber).expect(204);
      expect(response.text).toBe('');
      expect(gateway.wire).toHaveBeenCalledWith('subscription.delete', {
        principal: SUBSCRIBER,
        subscription_id: SUBSCRIPTION_ID,
      });
    });
  });

  it('POST /subscriptions/:id/rotate-secret answers 200 with the new secret', async () => {
    const rotation = { secret: SECRET, previous_valid_until: '2024-03-17T08:00:00.000Z' };
    gateway.wire.mockResolvedValueOnce(done(rotation));
    await request(http).post(`/subscriptions/${SUBSCRIPTION_ID}/rotate-secret`).set(asAdmin).expect(200, rotation);
    expect(gateway.wire).toHaveBeenCalledWith('subscription.rotate-secret', {
      principal: ADMIN,
      subscription_id: SUBSCRIPTION_ID,
    });
  });

  it('GET /subscriptions/:id/deliveries passes status and page', async () => {
    const { attempt_log: _log, ...listed } = delivery;
    gateway.wire.mockResolvedValueOnce(done({ total: 1, items: [listed] }));
    await request(http)
      .get(`/subscriptions/${SUBSCRIPTION_ID}/deliveries?status=failed&limit=5`)
      .set(asSubscriber)
      .expect(200, { total: 1, items: [listed] });
    expect(gateway.wire).toHaveBeenCalledWith('delivery.list', {
      principal: SUBSCRIBER,
      subscription_id: SUBSCRIPTION_ID,
      status: 'failed',
      limit: 5,
      offset: 0,
    });
    const bad = await request(http)
      .get(`/subscriptions/${SUBSCRIPTION_ID}/deliveries?status=lost`)
      .set(asSubscriber)
      .expect(400);
    expect(bad.body.issues).toEqual([expect.objectContaining({ path: 'status' })]);
  });
});
