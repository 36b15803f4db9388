import { waitFor } from '@gazette-watch/testing';
import {
  closedApiUrl,
  frame,
  GatewayStandIn,
  openEventStream,
  respondJson,
  type StandInHandler,
} from '../test/gateway-stand-in.server';
import {
  readEventStream,
  reconnectDelay,
  type EventStreamOptions,
  type StreamEvent,
  type StreamNotice,
} from './event-stream.reader';

/** Every reading a test started; stopped after it so a failing test leaves nothing reconnecting. */
const stops: AbortController[] = [];

/** The stream read against a stand-in for the gateway, everything it reported kept for the checks. */
async function reading(handler: StandInHandler, options: Partial<EventStreamOptions> = {}) {
  const gateway = await GatewayStandIn.start(handler);
  const stop = new AbortController();
  stops.push(stop);
  const events: StreamEvent[] = [];
  const notices: StreamNotice[] = [];
  const end = readEventStream(
    { url: `${gateway.url}/events/stream?kinds=appointment`, signal: stop.signal, ...options },
    { onEvent: (event) => events.push(event), onNotice: (notice) => notices.push(notice) },
  );
  return { gateway, stop, events, notices, end };
}

const event = (id: string, kind = 'appointment') => frame({ id, event: kind, data: { fact_id: id } });

describe('reconnectDelay', () => {
  it('doubles the base for each failure in a row, up to the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => reconnectDelay(n, 1000, 30_000))).toEqual([
      1000, 2000, 4000, 8000, 16_000, 30_000, 30_000,
    ]);
  });

  it('never waits less than the server asked, even past the cap', () => {
    expect(reconnectDelay(1, 60_000, 30_000)).toBe(60_000);
    expect(reconnectDelay(3, 60_000, 30_000)).toBe(60_000);
  });
});

describe('readEventStream', () => {
  let gateway: GatewayStandIn | undefined;
  afterEach(async () => {
    for (const stop of stops.splice(0)) stop.abort();
    await gateway?.close();
    gateway = undefined;
  });

  it('delivers events past heartbeats, reconnects after a drop with Last-Event-ID and the server’s retry', async () => {
    const run = await reading((_request, response, index) => {
      openEventStream(response, 40);
      if (index === 0) {
        response.write(event('a1'));
        response.write(': heartbeat\n\n');
        response.write(event('r1', 'regulation'));
        // The connection dies without the stream ending cleanly.
        setTimeout(() => response.destroy(), 20);
      } else {
        response.write(event('a2'));
      }
    });
    gateway = run.gateway;
    await waitFor(async () => run.events.length === 3, { description: 'three events over two connections' });
    run.stop.abort();
    expect(await run.end).toEqual({ type: 'stopped' });

    expect(run.events).toEqual([
      { event: 'appointment', id: 'a1', data: '{"fact_id":"a1"}' },
      { event: 'regulation', id: 'r1', data: '{"fact_id":"r1"}' },
      { event: 'appointment', id: 'a2', data: '{"fact_id":"a2"}' },
    ]);
    expect(run.notices).toEqual([
      { type: 'connected', resumed: false, lastEventId: null },
      { type: 'dropped', reason: expect.any(String), retryInMs: 40 },
      { type: 'connected', resumed: true, lastEventId: 'r1' },
    ]);
    const [first, second] = gateway.requests;
    expect(first.headers['last-event-id']).toBeUndefined();
    expect(first.headers.accept).toBe('text/event-stream');
    expect(second.headers['last-event-id']).toBe('r1');
    expect(second.url.search).toBe('?kinds=appointment');
  });

  it('reconnects when the server ends the stream cleanly', async () => {
    const run = await reading((_request, response, index) => {
      openEventStream(response, 10);
      if (index === 0) response.end(event('a1'));
      else response.write(event('a2'));
    });
    gateway = run.gateway;
    await waitFor(async () => run.events.length === 2, { description: 'the event after the clean end' });
    run.stop.abort();
    await run.end;
    expect(run.notices[1]).toEqual({ type: 'dropped', reason: 'the API closed the stream', retryInMs: 10 });
  });

  it('backs off while the server answers 503 after a drop, and resets once connected again', async () => {
    const run = await reading((_request, response, index) => {
      if (index === 1 || index === 2) return respondJson(response, 503, { statusCode: 503, message: 'restarting' });
      openEventStream(response, 20);
      if (index === 0) response.end(event('a1'));
      else if (index === 3) response.end(event('a2'));
      else response.write(event('a3'));
    });
    gateway = run.gateway;
    await waitFor(async () => run.events.length === 3, { description: 'events around the 503s' });
    run.stop.abort();
    await run.end;
    const drops = run.notices.filter((n) => n.type === 'dropped');
    expect(drops).toEqual([
      { type: 'dropped', reason: 'the API closed the stream', retryInMs: 20 },
      { type: 'dropped', reason: 'HTTP 503 restarting', retryInMs: 40 },
      { type: 'dropped', reason: 'HTTP 503 restarting', retryInMs: 80 },
      { type: 'dropped', reason: 'the API closed the stream', retryInMs: 20 },
    ]);
  });

  it('takes a silent connection as dead, while heartbeats keep one alive', async () => {
    const run = await reading(
      (_request, response, index) => {
        openEventStream(response, 10);
        if (index > 0) return;
        // Heartbeats for a while (past the idle limit), then nothing at all.
        const beat = setInterval(() => response.write(': heartbeat\n\n'), 40);
        setTimeout(() => clearInterval(beat), 400);
      },
      { idleTimeoutMs: 150 },
    );
    gateway = run.gateway;
    await waitFor(async () => gateway!.requests.length === 2, { description: 'a reconnection', timeoutMs: 3000 });
    const started = Date.now();
    run.stop.abort();
    await run.end;
    expect(Date.now() - started).toBeLessThan(1000);
    expect(run.notices[1]).toEqual({ type: 'dropped', reason: 'nothing received for 0.2 s', retryInMs: 10 });
  });

  it('reads an event whose bytes arrive in pieces, a character split between them', async () => {
    const run = await reading((_request, response) => {
      openEventStream(response);
      const bytes = Buffer.from(frame({ id: 'x', event: 'regulation', data: { region: '吕梁市' } }));
      const cut = bytes.indexOf(Buffer.from('吕')) + 1;
      response.write(bytes.subarray(0, cut));
      setTimeout(() => response.write(bytes.subarray(cut)), 30);
    });
    gateway = run.gateway;
    await waitFor(async () => run.events.length === 1, { description: 'the event in two pieces' });
    run.stop.abort();
    await run.end;
    expect(JSON.parse(run.events[0].data)).toEqual({ region: '吕梁市' });
  });

  it('gives up on a 400 with the server’s message and issues', async () => {
    const run = await reading((_request, response) =>
      respondJson(response, 400, {
        statusCode: 400,
        message: 'invalid filter: kinds.0: Invalid option',
        issues: [{ path: 'kinds.0', message: 'Invalid option' }],
      }),
    );
    gateway = run.gateway;
    expect(await run.end).toEqual({
      type: 'refused',
      error: { status: 400, message: 'invalid filter: kinds.0: Invalid option', issues: ['kinds.0: Invalid option'] },
    });
    expect(run.notices).toEqual([]);
  });

  it('gives up at the start on an answer that is not an event stream', async () => {
    const run = await reading((_request, response) => respondJson(response, 200, { hello: 'world' }));
    gateway = run.gateway;
    expect(await run.end).toMatchObject({ type: 'refused', error: { message: /not an event stream/ } });
  });

  it('gives up at the start when nothing listens', async () => {
    const stop = new AbortController();
    const end = await readEventStream(
      { url: `${await closedApiUrl()}/events/stream`, signal: stop.signal },
      { onEvent: () => undefined },
    );
    expect(end).toEqual({ type: 'unreachable', reason: expect.stringMatching(/ECONNREFUSED/) });
  });

  it('stops when asked while waiting to reconnect', async () => {
    const run = await reading((_request, response) => {
      openEventStream(response, 60_000);
      response.end();
    });
    gateway = run.gateway;
    await waitFor(async () => run.notices.some((n) => n.type === 'dropped'), { description: 'the drop' });
    run.stop.abort();
    expect(await run.end).toEqual({ type: 'stopped' });
  });

  it('stops on 204 as the server asks', async () => {
    const run = await reading((_request, response) => {
      response.writeHead(204);
      response.end();
    });
    gateway = run.gateway;
    expect(await run.end).toEqual({ type: 'closed' });
  });
});
