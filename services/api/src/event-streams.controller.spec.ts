import type { INestApplication } from '@nestjs/common';
import { waitFor } from '@gazette-watch/testing';
import type { AddressInfo } from 'node:net';
import { openEventStream } from '../test/event-stream.client';
import { createGatewayTestApp, done, refused, type GatewayTestApp } from '../test/gateway-test.app';
import {
  appointmentEnvelope,
  appointmentPayload,
  notificationMessage,
  NOTIFICATION_ID,
  regulationEnvelope,
  SUBSCRIBER,
  SUBSCRIBER_KEY,
  subscription,
  SUBSCRIPTION_ID,
} from '../test/subscription-fixtures';
import { EventStreamRegistry } from './event-stream.registry';
import { EventStreamsController } from './event-streams.controller';
import { LiveEventRepository, type LiveEventHandlers, type PublicFact } from './live-event.repository';
import type { NotificationMessage } from '@gazette-watch/contracts';

/** A stand-in for the NATS side: records the subscriptions and lets the test publish into them. */
function liveEvents() {
  const notificationHandlers: LiveEventHandlers<NotificationMessage>[] = [];
  const factHandlers: LiveEventHandlers<PublicFact>[] = [];
  const closed = jest.fn();
  const repository = {
    notifications: jest.fn(async (_id: string, handlers: LiveEventHandlers<NotificationMessage>) => {
      notificationHandlers.push(handlers);
      return { close: closed };
    }),
    publicFacts: jest.fn(async (handlers: LiveEventHandlers<PublicFact>) => {
      factHandlers.push(handlers);
      return { close: closed };
    }),
  };
  return { repository, notificationHandlers, factHandlers, closed };
}

describe('EventStreamsController', () => {
  let gateway: GatewayTestApp;
  let live: ReturnType<typeof liveEvents>;
  let registry: EventStreamRegistry;
  let base: string;

  beforeEach(async () => {
    live = liveEvents();
    registry = new EventStreamRegistry(50);
    gateway = await createGatewayTestApp([EventStreamsController], {
      providers: [
        { provide: LiveEventRepository, useValue: live.repository },
        { provide: EventStreamRegistry, useValue: registry },
      ],
    });
    await gateway.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(serverOf(gateway.app).address() as AddressInfo).port}`;
  });

  afterEach(async () => {
    registry.closeAll();
    await gateway.close();
  });

  describe('GET /subscriptions/:id/stream', () => {
    it('checks the subscription with the principal, then relays its notifications', async () => {
      gateway.wire.mockResolvedValueOnce(done(subscription));
      const stream = await openEventStream(`${base}/subscriptions/${SUBSCRIPTION_ID}/stream?api_key=${SUBSCRIBER_KEY}`);
      expect(stream.status).toBe(200);
      expect(stream.headers['content-type']).toBe('text/event-stream; charset=utf-8');
      expect(gateway.wire).toHaveBeenCalledWith('subscription.get', {
        principal: SUBSCRIBER,
        subscription_id: SUBSCRIPTION_ID,
      });
      expect(live.repository.notifications).toHaveBeenCalledWith(SUBSCRIPTION_ID, expect.anything());

      const message = notificationMessage();
      live.notificationHandlers[0].deliver(message);
      const [event] = await stream.eventsAfter(1);
      expect(event).toEqual({ id: NOTIFICATION_ID, event: 'appointment.created', data: JSON.stringify(message) });
      expect(stream.retry).toBe(3_000);
      await waitFor(async () => stream.comments.includes('heartbeat'), { description: 'a heartbeat comment' });

      stream.close();
      await waitFor(async () => live.closed.mock.calls.length === 1, { description: 'the NATS subscription closed' });
      expect(registry.size).toBe(0);
    });

    it('resumes after Last-Event-ID: what was missed first, then the live ones that waited, each once', async () => {
      const missedIds = ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222'];
      const liveId = '33333333-3333-4333-8333-333333333333';
      let answerMissed: (value: unknown) => void = () => undefined;
      gateway.wire
        .mockResolvedValueOnce(done(subscription))
        .mockImplementationOnce(() => new Promise((resolve) => (answerMissed = resolve)));
      const streamPromise = openEventStream(
        `${base}/subscriptions/${SUBSCRIPTION_ID}/stream?api_key=${SUBSCRIBER_KEY}`,
        {
          'Last-Event-ID': NOTIFICATION_ID,
        },
      );
      await waitFor(async () => gateway.wire.mock.calls.length === 2, {
        description: 'the missed notifications asked for',
      });
      expect(gateway.wire).toHaveBeenLastCalledWith('subscription.notifications-since', {
        principal: SUBSCRIBER,
        subscription_id: SUBSCRIPTION_ID,
        after: NOTIFICATION_ID,
        limit: 500,
      });
      // Published while the missed ones are fetched: one of them, and a new one.
      live.notificationHandlers[0].deliver(notificationMessage({ notification_id: missedIds[1] }));
      live.notificationHandlers[0].deliver(notificationMessage({ notification_id: liveId }));
      answerMissed(
        done({
          known: true,
          messages: missedIds.map((id) => notificationMessage({ notification_id: id })),
          truncated: false,
        }),
      );
      const stream = await streamPromise;
      const events = await stream.eventsAfter(3);
      expect(events.map((event) => event.id)).toEqual([...missedIds, liveId]);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(stream.events).toHaveLength(3);
      stream.close();
    });

    it('tells a client too far behind that the stream could not replay everything', async () => {
      gateway.wire
        .mockResolvedValueOnce(done(subscription))
        .mockResolvedValueOnce(
          done({
            known: true,
            messages: [notificationMessage({ notification_id: '44444444-4444-4444-8444-444444444444' })],
            truncated: true,
          }),
        );
      const stream = await openEventStream(
        `${base}/subscriptions/${SUBSCRIPTION_ID}/stream?api_key=${SUBSCRIBER_KEY}`,
        {
          'Last-Event-ID': NOTIFICATION_ID,
        },
      );
      const events = await stream.eventsAfter(2);
      expect(events.map((event) => event.event)).toEqual(['appointment.created', 'stream.truncated']);
      stream.close();
    });

    it('answers the refusal before streaming anything', async () => {
      gateway.wire.mockResolvedValueOnce(refused(404, 'no such subscription'));
      const response = await openEventStream(`${base}/subscriptions/${SUBSCRIPTION_ID}/stream`, {
        Authorization: `Bearer ${SUBSCRIBER_KEY}`,
      });
      expect(response.status).toBe(404);
      await waitFor(async () => response.ended, { description: 'the error body' });
      expect(JSON.parse(response.text)).toMatchObject({ statusCode: 404, message: 'no such subscription' });
      expect(live.repository.notifications).not.toHaveBeenCalled();
    });

    it('answers 401 without a key', async () => {
      const response = await openEventStream(`${base}/subscriptions/${SUBSCRIPTION_ID}/stream`);
      expect(response.status).toBe(401);
      expect(response.headers['www-authenticate']).toContain('Bearer');
      expect(gateway.wire).not.toHaveBeenCalled();
    });

    it('ends the stream when NATS ends the subscription', async () => {
      gateway.wire.mockResolvedValueOnce(done(subscription));
      const stream = await openEventStream(`${base}/subscriptions/${SUBSCRIPTION_ID}/stream`, {
        'X-API-Key': SUBSCRIBER_KEY,
      });
      live.notificationHandlers[0].ended();
      await waitFor(async () => stream.ended, { description: 'the stream to end' });
    });
  });

  describe('GET /events/stream', () => {
    it('relays the public facts that match the filter, named by kind', async () => {
      const stream = await openEventStream(
        `${base}/events/stream?kinds=appointment&regions=${encodeURIComponent('吕梁市')}`,
      );
      expect(stream.status).toBe(200);
      const [handlers] = live.factHandlers;
      handlers.deliver({ kind: 'regulation', envelope: regulationEnvelope() });
      handlers.deliver({ kind: 'appointment', envelope: appointmentEnvelope(appointmentPayload({ region: '吕梁' })) });
      const match = appointmentEnvelope();
      handlers.deliver({ kind: 'appointment', envelope: match });
      const events = await stream.eventsAfter(1);
      // Give the non-matching ones time to show up if they were (wrongly) relayed.
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(stream.events).toHaveLength(1);
      expect(events[0]).toMatchObject({ id: match.id, event: 'appointment' });
      expect(JSON.parse(events[0].data)).toEqual({
        type: 'appointment.recorded',
        fact_id: match.id,
        region: '吕梁市',
        title: '[吕梁市] 任命 张三 为 市财政局局长',
        fact: match.payload,
      });
      stream.close();
      await waitFor(async () => live.closed.mock.calls.length === 1, { description: 'the NATS subscription closed' });
    });

    it('answers 400 with the issues for a bad filter, without subscribing', async () => {
      const response = await openEventStream(
        `${base}/events/stream?kinds=regulation&people=${encodeURIComponent('张三')}`,
      );
      expect(response.status).toBe(400);
      await waitFor(async () => response.ended, { description: 'the error body' });
      expect(JSON.parse(response.text).issues).toEqual([expect.objectContaining({ path: 'people' })]);
      const unknown = await openEventStream(`${base}/events/stream?colour=red`);
      expect(unknown.status).toBe(400);
      expect(live.repository.publicFacts).not.toHaveBeenCalled();
    });
  });
});

function serverOf(app: INestApplication): import('node:http').Server {
  return app.getHttpServer() as import('node:http').Server;
}
