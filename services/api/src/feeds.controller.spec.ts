import { validateAtomFeed } from '@gazette-watch/testing';
import { XMLParser } from 'fast-xml-parser';
import request from 'supertest';
import type { App } from 'supertest/types';
import { createGatewayTestApp, done, refused, type GatewayTestApp } from '../test/gateway-test.app';
import { feedEntry, SUBSCRIBER, SUBSCRIBER_KEY, SUBSCRIPTION_ID } from '../test/subscription-fixtures';
import { FeedsController } from './feeds.controller';

const BASE = 'https://gazette.example';
const feed = { title: '吕梁市任免', updated_at: '2024-03-18T09:30:00.000Z', entries: [feedEntry()] };

describe('FeedsController', () => {
  let gateway: GatewayTestApp;
  let http: App;

  beforeEach(async () => {
    gateway = await createGatewayTestApp([FeedsController], { config: { PUBLIC_BASE_URL: `${BASE}/` } });
    http = gateway.app.getHttpServer() as App;
  });

  afterEach(() => gateway.close());

  it("GET /subscriptions/:id/feed.atom renders the subscription's entries, the key from ?api_key=", async () => {
    gateway.wire.mockResolvedValueOnce(done(feed));
    const response = await request(http)
      .get(`/subscriptions/${SUBSCRIPTION_ID}/feed.atom?api_key=${SUBSCRIBER_KEY}&limit=20`)
      .expect(200);
    expect(response.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    expect(gateway.wire).toHaveBeenCalledWith('feed.entries', {
      principal: SUBSCRIBER,
      subscription_id: SUBSCRIPTION_ID,
      limit: 20,
    });
    expect(validateAtomFeed(response.text)).toEqual([]);
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(response.text);
    const selfLink = [parsed.feed.link].flat().find((link: { rel: string }) => link.rel === 'self');
    // The key stays out of the self link: readers show and share it.
    expect(selfLink.href).toBe(`${BASE}/subscriptions/${SUBSCRIPTION_ID}/feed.atom`);
    expect(parsed.feed.entry.id).toBe(`tag:gazette-watch.org,2026:fact:${encodeURIComponent(feed.entries[0].fact_id)}`);
    expect(parsed.feed.entry.updated).toBe('2024-03-18T09:30:00.000Z');
    expect(parsed.feed.entry.link.href).toBe(`${BASE}/documents/${feed.entries[0].document_id}`);
  });

  it('answers 401 without a key and passes on 404', async () => {
    await request(http).get(`/subscriptions/${SUBSCRIPTION_ID}/feed.atom`).expect(401);
    gateway.wire.mockResolvedValueOnce(refused(404, 'no such subscription'));
    const missing = await request(http)
      .get(`/subscriptions/${SUBSCRIPTION_ID}/feed.atom`)
      .set('Authorization', `Bearer ${SUBSCRIBER_KEY}`)
      .expect(404);
    expect(missing.headers['content-type']).toContain('application/json');
    expect(missing.body).toMatchObject({ statusCode: 404, message: 'no such subscription' });
  });

  it('GET /feeds/:kind/:region.atom is public and decodes the region', async () => {
    gateway.wire.mockResolvedValueOnce(done({ ...feed, title: '吕梁市 appointments' }));
    const response = await request(http)
      .get(`/feeds/appointment/${encodeURIComponent('吕梁市')}.atom`)
      .expect(200);
    expect(gateway.wire).toHaveBeenCalledWith('feed.entries', { kind: 'appointment', region: '吕梁市', limit: 100 });
    expect(validateAtomFeed(response.text)).toEqual([]);
    expect(response.text).toContain(`href="${BASE}/feeds/appointment/%E5%90%95%E6%A2%81%E5%B8%82.atom"`);
    expect(response.text).toContain(
      '<id>tag:gazette-watch.org,2026:feed:appointment%3A%E5%90%95%E6%A2%81%E5%B8%82</id>',
    );
  });

  it('answers 400 for an unknown kind without asking', async () => {
    const response = await request(http)
      .get(`/feeds/poetry/${encodeURIComponent('吕梁市')}.atom`)
      .expect(400);
    expect(response.body.issues).toEqual([expect.objectContaining({ path: 'kind' })]);
    expect(gateway.wire).not.toHaveBeenCalled();
  });
});
