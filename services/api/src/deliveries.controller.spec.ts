import request from 'supertest';
import type { App } from 'supertest/types';
import { createGatewayTestApp, done, refused, type GatewayTestApp } from '../test/gateway-test.app';
import { delivery, DELIVERY_ID, SUBSCRIBER, SUBSCRIBER_KEY } from '../test/subscription-fixtures';
import { DeliveriesController } from './deliveries.controller';

const asSubscriber = { Authorization: `Bearer ${SUBSCRIBER_KEY}` };

describe('DeliveriesController', () => {
  let gateway: GatewayTestApp;
  let http: App;

  beforeEach(async () => {
    gateway = await createGatewayTestApp([DeliveriesController]);
    http = gateway.app.getHttpServer() as App;
  });

  afterEach(() => gateway.close());

  it('GET /deliveries/:id answers the delivery with its attempt log', async () => {
    gateway.wire.mockResolvedValueOnce(done(delivery));
    const response = await request(http).get(`/deliveries/${DELIVERY_ID}`).set(asSubscriber).expect(200);
    expect(response.body.attempt_log).toHaveLength(2);
    expect(gateway.wire).toHaveBeenCalledWith('delivery.get', { principal: SUBSCRIBER, delivery_id: DELIVERY_ID });
  });

  it('POST /deliveries/:id/redeliver answers 202', async () => {
    const scheduled = { ...delivery, status: 'pending', next_attempt_at: '2024-03-16T09:00:00.000Z' };
    gateway.wire.mockResolvedValueOnce(done(scheduled));
    await request(http).post(`/deliveries/${DELIVERY_ID}/redeliver`).set(asSubscriber).expect(202, scheduled);
    expect(gateway.wire).toHaveBeenCalledWith('delivery.redeliver', {
      principal: SUBSCRIBER,
      delivery_id: DELIVERY_ID,
    });
  });

  it('maps refusals and refuses a malformed id', async () => {
    gateway.wire.mockResolvedValueOnce(refused(404, 'no such delivery'));
    await request(http).get(`/deliveries/${DELIVERY_ID}`).set(asSubscriber).expect(404);
    gateway.wire.mockResolvedValueOnce(refused(409, 'the subscription has no webhook'));
    await request(http).post(`/deliveries/${DELIVERY_ID}/redeliver`).set(asSubscriber).expect(409);
    const bad = await request(http).get('/deliveries/nope').set(asSubscriber).expect(400);
    expect(bad.body.issues).toEqual([expect.objectContaining({ path: 'delivery_id' })]);
    expect(gateway.wire).toHaveBeenCalledTimes(2);
    await request(http).get(`/deliveries/${DELIVERY_ID}`).expect(401);
  });
});
