import { Controller, INestMicroservice, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, EventPattern, MessagePattern, Payload } from '@nestjs/microservices';
import { ConsumerInfo, JetStreamManager, NatsConnection } from 'nats';
import { lastValueFrom } from 'rxjs';
import { DeadLetterEntry } from './dead-letter';
import { CORRELATION_ID_HEADER } from './envelope';
import { PermanentError, TransientError } from './errors';
import { EventPublisher, PublishResult } from './event-publisher';
import { JetStreamExceptionFilter } from './jetstream-exception.filter';
import { JetStreamContext } from './jetstream.context';
import { JetStreamClient } from './jetstream.client';
import type { ConsumerPending, JetStreamMetrics } from './jetstream.metrics';
import { JetStreamServer, JetStreamServerOptions } from './jetstream.server';
import { currentLogContext, type LogContext } from './log-context';
import { RpcReply } from './rpc-reply';
import { Namespace } from './namespace';
import { deleteStreams } from './stream-provisioner';
import {
  NATS_URL,
  SubjectCollector,
  TEST_STREAMS,
  connectOrFail,
  envelope,
  waitFor,
} from './testing/jetstream-test-harness';

type EventHandler = (data: unknown, ctx: JetStreamContext) => unknown;

function eventController(subject: string, handle: EventHandler): Type<unknown> {
  @Controller()
  class EventController {
    @EventPattern(subject)
    on(@Payload() data: unknown, @Ctx() ctx: JetStreamContext): unknown {
      return handle(data, ctx);
    }
  }
  return EventController;
}

interface Envelope {
  id: string;
  payload: Record<string, unknown>;
}

function isEnvelope(data: unknown): data is Envelope {
  return typeof data === 'object' && data !== null && typeof (data as Envelope).id === 'string';
}

describe('JetStreamServer (NATS)', () => {
  const ns = Namespace.forTestRun();
  const apps: INestMicroservice[] = [];
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  let publisher: EventPublisher;

  async function startService(
    controllers: Type<unknown>[],
    options: Partial<JetStreamServerOptions> & { service: string },
    { keepErrors = false } = {},
  ): Promise<{ app: INestMicroservice; server: JetStreamServer }> {
    const server = new JetStreamServer({
      servers: NATS_URL,
      namespace: ns,
      streams: TEST_STREAMS,
      ackWaitMs: 2_000,
      nakDelayMs: 20,
      maxNakDelayMs: 200,
      pullExpiresMs: 5_000,
      ...options,
    });
    const app = await NestFactory.createMicroservice(
      { module: class TestModule {}, controllers },
      { strategy: server, logger: process.env.TEST_LOGS ? undefined : false },
    );
    apps.push(app);
    if (keepErrors) {
      app.useGlobalFilters(new JetStreamExceptionFilter());
    }
    await app.listen();
    return { app, server };
  }

  function consumerInfo(stream: string, service: string): Promise<ConsumerInfo> {
    return jsm.consumers.info(ns.stream(stream), service);
  }

  /** All delivered messages acked or terminated, nothing left to deliver. */
  function settled(stream: string, service: string, expectedDelivered: number) {
    return async () => {
      const info = await consumerInfo(stream, service);
      return info.num_pending === 0 && info.num_ack_pending === 0 && info.delivered.stream_seq >= expectedDelivered
        ? info
        : null;
    };
  }

  beforeAll(async () => {
    ({ nc, jsm } = await connectOrFail());
    publisher = new EventPublisher(nc.jetstream(), ns);
  });

  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.close()));
  });

  afterAll(async () => {
    if (jsm) {
      await deleteStreams(jsm, ns);
    }
    await nc?.close();
  });

  it('delivers an @EventPattern event once and acks it', async () => {
    const received: Array<{ data: unknown; subject: string; correlation?: string; deliveries: number }> = [];
    const { server } = await startService(
      [
        eventController('gazette.ingested', (data, ctx) => {
          received.push({
            data,
            subject: ctx.getSubject(),
            correlation: ctx.getHeader(CORRELATION_ID_HEADER),
            deliveries: ctx.getDeliveryCount(),
          });
        }),
      ],
      { service: 'once' },
    );
    const event = envelope('gazette.ingested', 'gazette:once');
    await publisher.publish('gazette.ingested', event);

    const info = await waitFor('the event to be acked', settled('GAZETTES', 'once', 1));
    expect(received).toEqual([
      { data: event, subject: 'gazette.ingested', correlation: 'corr-gazette:once', deliveries: 1 },
    ]);
    expect(info.delivered.consumer_seq).toBe(1);
    expect(info.config.filter_subject).toBe(ns.subject('gazette.ingested'));
    expect(info.config.ack_policy).toBe('explicit');
    expect(server.stats()).toEqual({ processed: 1, failed: 0, deadLettered: 0, skipped: 0, inFlight: 0 });
  });

  it('reports to the metrics hook and runs handlers in the log context of their correlation id', async () => {
    const calls: string[] = [];
    const durations: string[] = [];
    let readLag: (() => Promise<ConsumerPending[]>) | undefined;
    const metrics: JetStreamMetrics = {
      messageProcessed: (subject) => calls.push(`processed ${subject}`),
      messageFailed: (subject, reason) => calls.push(`failed ${subject} ${reason}`),
      deadLettered: (subject, reason) => calls.push(`dead-lettered ${subject} ${reason}`),
      handlerDuration: (subject, seconds) => durations.push(`${subject} ${seconds >= 0}`),
      rpcRequest: (name, outcome) => calls.push(`rpc ${name} ${outcome}`),
      watchConsumers: (read) => (readLag = read),
    };
    const contexts: Array<LogContext | undefined> = [];
    @Controller()
    class MeteredController {
      @EventPattern('document.metered')
      on(@Ctx() ctx: JetStreamContext): void {
        contexts.push({ ...currentLogContext() });
        if (ctx.getDeliveryCount() === 1) throw new TransientError('database unavailable');
      }

      @MessagePattern('metered.ping')
      ping(): string {
        return 'pong';
      }
    }
    await startService([MeteredController], { service: 'metered', metrics }, { keepErrors: true });
    await publisher.publish('document.metered', envelope('document.metered', 'document:m:0'));
    await nc.jetstream().publish(ns.subject('document.metered'), new TextEncoder().encode('{"broken'), {
      msgID: 'metered-broken',
    });
    await waitFor('both messages to be settled', settled('DOCUMENTS', 'metered', 2));
    await nc.request(ns.subject('rpc.metered.metered.ping'), new Uint8Array(), { timeout: 5_000 });

    expect(calls.sort()).toEqual([
      'dead-lettered document.metered malformed_json',
      'failed document.metered malformed_json',
      'failed document.metered transient',
      'processed document.metered',
      'rpc metered.ping ok',
    ]);
    expect(durations).toEqual(['document.metered true', 'document.metered true']);
    expect(contexts).toEqual([
      { service: 'metered', correlationId: 'corr-document:m:0' },
      { service: 'metered', correlationId: 'corr-document:m:0' },
    ]);
    expect(await readLag?.()).toEqual([{ stream: 'DOCUMENTS', pending: 0 }]);
  });

  it('reads the lag of its consumers while messages wait for a busy handler', async () => {
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    const { server } = await startService([eventController('gazette.lagging', () => released)], {
      service: 'lagging',
      concurrency: 1,
    });
    for (let i = 0; i < 20; i++) {
      await publisher.publish('gazette.lagging', envelope('gazette.lagging', `gazette:lag:${i}`));
    }
    // One handler slot pulls a few messages at a time: the rest wait in the stream.
    const [lag] = await waitFor('a lag to show', async () => {
      const pending = await server.consumerPending();
      return pending.length === 1 && pending[0].pending > 0 ? pending : null;
    });
    expect(lag.stream).toBe('GAZETTES');
    expect(lag.pending).toBeLessThanOrEqual(19);
    release();
    await waitFor('every message to be handled', settled('GAZETTES', 'lagging', 20));
    expect(await server.consumerPending()).toEqual([{ stream: 'GAZETTES', pending: 0 }]);
    expect(server.isConnected()).toBe(true);
  });

  it('redelivers after a TransientError and acks the successful delivery', async () => {
    const deliveries: number[] = [];
    const { server } = await startService(
      [
        eventController('document.segmented', async (_data, ctx) => {
          deliveries.push(ctx.getDeliveryCount());
          if (ctx.getDeliveryCount() === 1) {
            throw new TransientError('database unavailable');
          }
        }),
      ],
      { service: 'transient' },
    );
    await publisher.publish('document.segmented', envelope('document.segmented', 'document:t:0'));

    await waitFor(
      'the second delivery to be acked',
      async () => deliveries.length === 2 && settled('DOCUMENTS', 'transient', 1)(),
    );
    expect(deliveries).toEqual([1, 2]);
    expect(server.stats()).toMatchObject({ processed: 1, failed: 1, deadLettered: 0 });
  });

  it('dead-letters permanent failures, malformed JSON and invalid payloads at once and keeps consuming', async () => {
    const recorded: DeadLetterEntry[] = [];
    const handled: string[] = [];
    const deadLetters = new SubjectCollector<DeadLetterEntry>(nc, ns.subject('deadletter.strict'));
    const { server } = await startService(
      [
        eventController('appointment.announced', (data) => {
          const event = data as Envelope;
          if (event.payload.poison) {
            throw new PermanentError('position code does not exist');
          }
          handled.push(event.id);
        }),
      ],
      {
        service: 'strict',
        validate: (_subject, data) => {
          if (!isEnvelope(data)) {
            throw new Error('not an event envelope');
          }
          return data;
        },
        deadLetters: { record: async (entry) => void recorded.push(entry) },
      },
    );
    const js = nc.jetstream();
    await publisher.publish('appointment.announced', envelope('appointment.announced', 'a:1', { poison: true }));
    await js.publish(ns.subject('appointment.announced'), new TextEncoder().encode('{"id": '), { msgID: 'a:2' });
    await js.publish(ns.subject('appointment.announced'), new TextEncoder().encode('[1, 2]'), { msgID: 'a:3' });
    await publisher.publish('appointment.announced', envelope('appointment.announced', 'a:4'));

    await waitFor(
      'three dead letters and one handled event',
      () => deadLetters.received.length === 3 && handled.length === 1,
    );
    await waitFor('the consumer to settle', settled('FACTS', 'strict', 4));
    deadLetters.stop();

    expect(handled).toEqual(['a:4']);
    expect(deadLetters.received.map((e) => [e.stream_seq, e.reason, e.deliveries])).toEqual([
      [1, 'permanent_error', 1],
      [2, 'malformed_json', 1],
      [3, 'invalid_payload', 1],
    ]);
    expect(deadLetters.received[0]).toMatchObject({
      service: 'strict',
      stream: 'FACTS',
      subject: 'appointment.announced',
      error: 'position code does not exist',
      correlation_id: 'corr-a:1',
    });
    expect(deadLetters.received[1].data).toBe('{"id": ');
    expect(deadLetters.received[2].error).toBe('not an event envelope');
    expect(recorded).toEqual(deadLetters.received);
    // Dead letters are stored (and deduplicated by stream:seq) in the DEADLETTER stream.
    expect((await jsm.streams.info(ns.stream('DEADLETTER'))).state.messages).toBeGreaterThanOrEqual(3);
    expect(server.stats()).toMatchObject({ processed: 1, deadLettered: 3 });
  });

  it('dead-letters a message that fails transiently on every allowed delivery', async () => {
    const deliveries: number[] = [];
    const deadLetters = new SubjectCollector<DeadLetterEntry>(nc, ns.subject('deadletter.flaky'));
    const { server } = await startService(
      [
        eventController('gazette.flaky', (_data, ctx) => {
          deliveries.push(ctx.getDeliveryCount());
          throw new Error('connection reset');
        }),
      ],
      { service: 'flaky', maxDeliver: 3 },
      { keepErrors: true },
    );
    await publisher.publish('gazette.flaky', envelope('gazette.flaky', 'gazette:flaky'));

    await waitFor('the dead letter', () => deadLetters.received.length === 1);
    await waitFor('the consumer to settle', settled('GAZETTES', 'flaky', 1));
    deadLetters.stop();
    expect(deliveries).toEqual([1, 2, 3]);
    expect(deadLetters.received[0]).toMatchObject({
      reason: 'retries_exhausted',
      deliveries: 3,
      subject: 'gazette.flaky',
      // The real cause, thanks to JetStreamExceptionFilter (Nest's default says "Internal server error").
      error: 'connection reset',
    });
    expect(server.stats()).toMatchObject({ processed: 0, failed: 3, deadLettered: 1 });
  });

  it('shares one durable consumer between replicas: each message is handled exactly once', async () => {
    const handledBy = new Map<string, string[]>();
    const controllerFor = (replica: string) =>
      eventController('document.shared', async (data) => {
        const id = (data as Envelope).id;
        handledBy.set(id, [...(handledBy.get(id) ?? []), replica]);
        // Long enough that the other replica pulls the next messages meanwhile.
        await new Promise((resolve) => setTimeout(resolve, 5));
      });
    await startService([controllerFor('a')], { service: 'shared' });
    await startService([controllerFor('b')], { service: 'shared' });
    const count = 40;
    await publisher.publishAll(
      Array.from({ length: count }, (_, i) => ({
        subject: 'document.shared',
        envelope: envelope('document.shared', `document:shared:${i}`),
      })),
    );

    await waitFor('all messages handled', () => handledBy.size === count);
    const info = await waitFor('the consumer to settle', settled('DOCUMENTS', 'shared', count));
    const consumers: string[] = [];
    for await (const page of jsm.consumers.list(ns.stream('DOCUMENTS'))) {
      consumers.push(page.name);
    }
    expect(consumers.filter((name) => name === 'shared')).toHaveLength(1);
    expect([...handledBy.values()].every((replicas) => replicas.length === 1)).toBe(true);
    expect(info.num_redelivered).toBe(0);
  });

  it('answers @MessagePattern requests over core NATS on rpc.<service>.<name>', async () => {
    @Controller()
    class RpcController {
      @MessagePattern('status.echo')
      async echo(@Payload() data: { text: string }): Promise<{ echoed: string }> {
        return { echoed: data.text };
      }

      @MessagePattern('status.refuse')
      refuse(): never {
        throw new PermanentError('no such gazette');
      }
    }
    await startService([RpcController], { service: 'registry' });
    const request = async (name: string, body: unknown): Promise<RpcReply> => {
      const reply = await nc.request(
        ns.subject(`rpc.registry.${name}`),
        new TextEncoder().encode(JSON.stringify(body)),
        {
          timeout: 2_000,
        },
      );
      return reply.json<RpcReply>();
    };

    await expect(request('status.echo', { text: '公报' })).resolves.toEqual({ ok: true, data: { echoed: '公报' } });
    await expect(request('status.refuse', {})).resolves.toEqual({
      ok: false,
      error: 'no such gazette',
      permanent: true,
    });
  });

  it('JetStreamClient emits events to JetStream and sends requests to @MessagePattern handlers', async () => {
    const received: unknown[] = [];
    @Controller()
    class MixedController {
      @EventPattern('regulation.issued')
      onIssued(@Payload() data: unknown): void {
        received.push(data);
      }

      @MessagePattern('client.sum')
      sum(@Payload() numbers: number[]): number {
        return numbers.reduce((a, b) => a + b, 0);
      }
    }
    await startService([MixedController], { service: 'mixed' });
    const client = new JetStreamClient({ servers: NATS_URL, namespace: ns, service: 'mixed', requestTimeoutMs: 1_000 });
    try {
      const event = envelope('regulation.issued', 'regulation:1');
      const ack = await lastValueFrom(client.emit<PublishResult>('regulation.issued', event));
      expect(ack).toMatchObject({ stream: ns.stream('FACTS'), duplicate: false });
      await waitFor('the emitted event to be handled', () => received.length === 1);
      expect(received).toEqual([event]);

      await expect(lastValueFrom(client.send<number>('client.sum', [1, 2, 3]))).resolves.toBe(6);
      await expect(lastValueFrom(client.send('client.nobody', {}))).rejects.toBeInstanceOf(TransientError);
    } finally {
      await client.close();
    }
  });

  it('close() lets an in-flight handler finish and ack before the connection drains', async () => {
    const timeline: string[] = [];
    const { app } = await startService(
      [
        eventController('gazette.slow', async () => {
          timeline.push('handler started');
          // Outlives ack_wait (1 s): only the transport's working() keeps the server from redelivering
          // it to this replica's second slot (concurrency 2 keeps a pull request open meanwhile).
          await new Promise((resolve) => setTimeout(resolve, 1_500));
          timeline.push('handler finished');
        }),
      ],
      { service: 'graceful', ackWaitMs: 1_000, concurrency: 2 },
    );
    await publisher.publish('gazette.slow', envelope('gazette.slow', 'gazette:slow'));
    await waitFor('the handler to start', () => timeline.includes('handler started'));

    await app.close();
    apps.splice(apps.indexOf(app), 1);
    timeline.push('closed');

    expect(timeline).toEqual(['handler started', 'handler finished', 'closed']);
    const info = await consumerInfo('GAZETTES', 'graceful');
    expect(info).toMatchObject({ num_pending: 0, num_ack_pending: 0, num_redelivered: 0 });
    expect(info.ack_floor.stream_seq).toBe(info.delivered.stream_seq);
  });

  it('refuses to start when a handler subject is not captured by any stream', async () => {
    await expect(
      startService([eventController('orphan.subject', () => undefined)], { service: 'orphan' }),
    ).rejects.toThrow(/not captured by any stream/);
  });
});
