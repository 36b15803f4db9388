import request from 'supertest';
import type { App } from 'supertest/types';
import { createGatewayTestApp, done, type GatewayTestApp } from '../test/gateway-test.app';
import { ADMIN, ADMIN_KEY, SUBSCRIBER_ID, SUBSCRIBER_KEY } from '../test/subscription-fixtures';
import { SubscribersController } from './subscribers.controller';

const subscriber = { id: SUBSCRIBER_ID, name: '吕梁日报', created_at: '2024-03-16T08:00:00.000Z' };

describe('SubscribersController', () => {
  let gateway: GatewayTestApp;
  let http: App;

  beforeEach(async () => {
    gateway = await createGatewayTestApp([SubscribersController]);
    http = gateway.app.getHttpServer() as App;
  });

  afterEach(() => gateway.close());

  it('POST /subscribers creates as the operator and answers 201 with the key', async () => {
    gateway.wire.mockResolvedValueOnce(done({ subscriber, api_key: 'gw_new_key' }));
    const response = await request(http)
      .post('/subscribers')
      .set('Authorization', `Bearer ${ADMIN_KEY}`)
      .send({ name: '吕梁日报' })
      .expect(201);
    expect(response.body).toEqual({ subscriber, api_key: 'gw_new_key' });
    expect(gateway.wire).toHaveBeenCalledTimes(1);
    expect(gateway.wire).toHaveBeenCalledWith('subscriber.create', { principal: ADMIN, name: '吕梁日报' });
    // The operator key is recognised without asking anyone.
    expect(gateway.lookups).not.toHaveBeenCalled();
  });

  it('answers 400 for a missing name, without asking', async () => {
    const response = await request(http).post('/subscribers').set('X-API-Key', ADMIN_KEY).send({}).expect(400);
    expect(response.body.issues).toEqual([expect.objectContaining({ path: 'name' })]);
    expect(gateway.wire).not.toHaveBeenCalled();
  });

  it('GET /subscribers lists a page', async () => {
    gateway.wire.mockResolvedValueOnce(done({ total: 1, items: [subscriber] }));
    await request(http)
      .get('/subscribers?offset=1')
      .set('X-API-Key', ADMIN_KEY)
      .expect(200, { total: 1, items: [subscriber] });
    expect(gateway.wire).toHaveBeenCalledWith('subscriber.list', { principal: ADMIN, limit: 50, offset: 1 });
  });

  it('answers 403 to a subscriber and 401 without a key', async () => {
    const forbidden = await request(http)
      .post('/subscribers')
      .set('Authorization', `Bearer ${SUBSCRIBER_KEY}`)
      .send({ name: 'x' })
      .expect(403);
    expect(forbidden.body).toMatchObject({ statusCode: 403, error: 'Forbidden' });
    await request(http).get('/subscribers').set('X-API-Key', SUBSCRIBER_KEY).expect(403);
    await request(http).get('/subscribers').expect(401);
    expect(gateway.wire).not.toHaveBeenCalled();
  });
});
