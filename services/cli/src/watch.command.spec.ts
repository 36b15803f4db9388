import { waitFor } from '@gazette-watch/testing';
import { closedApiUrl, frame, GatewayStandIn, openEventStream, respondJson } from '../test/gateway-stand-in.server';
import { main } from './main';
import { eventStreamUrl, runWatch } from './watch.command';

const APPOINTMENT = {
  id: 'appointment.recorded:1',
  event: 'appointment',
  data: {
    type: 'appointment.recorded',
    fact_id: 'appointment.recorded:1',
    region: '吕梁市',
    title: '张三 任 吕梁市财政局局长',
    fact: { person: '张三', doc_number: '吕政任〔2023〕5号' },
  },
};
const REGULATION = {
  id: 'regulation.published:2',
  event: 'regulation',
  data: {
    type: 'regulation.published',
    fact_id: 'regulation.published:2',
    region: null,
    title: '吕梁市城市管理办法',
    fact: { doc_number: null },
  },
};

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
}

/** Every watch a test started; stopped after it so a failing test leaves nothing reconnecting. */
const stops: AbortController[] = [];

/** What main needs to run `watch` in a test: an interrupt the test fires, and no process signal handlers. */
function interruptible() {
  const stop = new AbortController();
  stops.push(stop);
  let released = 0;
  return {
    stop,
    released: () => released,
    runtime: {
      env: {},
      untilInterrupted: () => ({ signal: stop.signal, release: () => void released++ }),
    },
  };
}

describe('gazette watch', () => {
  let gateway: GatewayStandIn | undefined;
  afterEach(async () => {
    for (const stop of stops.splice(0)) stop.abort();
    await gateway?.close();
    gateway = undefined;
  });

  it('builds the stream URL from the filter', () => {
    expect(eventStreamUrl('http://h', {})).toBe('http://h/events/stream');
    expect(
      decodeURIComponent(eventStreamUrl('http://h', { regions: ['吕梁市', '汾阳市'], kinds: ['appointment'] })),
    ).toBe('http://h/events/stream?kinds=appointment&regions=吕梁市,汾阳市');
  });

  it('prints one line per event across a reconnect, and exits 0 when interrupted', async () => {
    gateway = await GatewayStandIn.start((_request, response, index) => {
      openEventStream(response, 10);
      if (index === 0) {
        response.write(frame(APPOINTMENT));
        response.end(': heartbeat\n\n');
      } else response.write(frame(REGULATION));
    });
    const c = capture();
    const stop = new AbortController();
    stops.push(stop);
    const done = runWatch(
      { apiUrl: gateway.url, filter: { regions: ['吕梁市'] }, json: false },
      c.io,
      stop.signal,
      () => new Date(2024, 4, 1, 14, 3, 22),
    );
    await waitFor(async () => c.out.length === 2, { description: 'both events printed' });
    stop.abort();
    expect(await done).toBe(0);
    expect(c.out).toEqual([
      '14:03:22  appointment  张三 任 吕梁市财政局局长  (吕政任〔2023〕5号 · 吕梁市)',
      '14:03:22  regulation   吕梁市城市管理办法',
    ]);
    expect(c.err).toEqual([
      `gazette: watching regions 吕梁市 at ${gateway.url}; Ctrl-C stops`,
      'gazette: the event stream dropped (the API closed the stream); reconnecting in 10 ms',
      'gazette: reconnected, resuming after appointment.recorded:1',
    ]);
    expect(gateway.requests[1].headers['last-event-id']).toBe('appointment.recorded:1');
  });

  it('prints each event’s JSON with --json and skips one it cannot read', async () => {
    gateway = await GatewayStandIn.start((_request, response) => {
      openEventStream(response);
      response.write('id: broken\nevent: appointment\ndata: {not json\n\n');
      response.write(frame(APPOINTMENT));
    });
    const c = capture();
    const run = interruptible();
    const done = main(['watch', '--json', '--api', `${gateway.url}/`, '--kind', 'appointment'], c.io, run.runtime);
    await waitFor(async () => c.out.length === 1, { description: 'the JSON line' });
    run.stop.abort();
    expect(await done).toBe(0);
    expect(run.released()).toBe(1);
    expect(JSON.parse(c.out[0])).toEqual(APPOINTMENT.data);
    expect(c.err).toContain('gazette: skipped an event (broken): its data is not JSON');
    expect(gateway.requests[0].url.pathname).toBe('/events/stream');
    expect(gateway.requests[0].url.searchParams.get('kinds')).toBe('appointment');
  });

  it('sends the filter flags as the stream’s query', async () => {
    gateway = await GatewayStandIn.start((_request, response) => openEventStream(response));
    const run = interruptible();
    const done = main(
      [
        'watch',
        '--region',
        '吕梁市',
        '--region',
        '汾阳市',
        '--person',
        '张三',
        '--doc-type=通知',
        '--api',
        gateway.url,
      ],
      capture().io,
      run.runtime,
    );
    await waitFor(async () => gateway!.requests.length === 1, { description: 'the request' });
    run.stop.abort();
    expect(await done).toBe(0);
    expect(Object.fromEntries(gateway.requests[0].url.searchParams)).toEqual({
      regions: '吕梁市,汾阳市',
      doc_types: '通知',
      people: '张三',
    });
  });

  it('exits 2 with the server’s message and issues when it refuses the filter', async () => {
    gateway = await GatewayStandIn.start((_request, response) =>
      respondJson(response, 400, {
        statusCode: 400,
        message: 'invalid filter: regions: unknown region',
        issues: [{ path: 'regions.0', message: 'unknown region' }],
      }),
    );
    const c = capture();
    expect(await main(['watch', '--region', '火星', '--api', gateway.url], c.io, interruptible().runtime)).toBe(2);
    expect(c.err).toEqual(['gazette: invalid filter: regions: unknown region', '  regions.0: unknown region']);
    expect(c.out).toEqual([]);
  });

  it('exits 1 when the API cannot be reached at the start', async () => {
    const url = await closedApiUrl();
    const c = capture();
    const run = interruptible();
    expect(await main(['watch', '--api', url], c.io, run.runtime)).toBe(1);
    expect(c.err).toEqual([
      expect.stringMatching(new RegExp(`^gazette: cannot reach the API at ${url}: .*ECONNREFUSED`)),
    ]);
    expect(run.released()).toBe(1);
  });

  it('exits 1 when the API has no event stream', async () => {
    gateway = await GatewayStandIn.start((_request, response) =>
      respondJson(response, 404, { statusCode: 404, message: 'Cannot GET /events/stream' }),
    );
    const c = capture();
    expect(await main(['watch', '--api', gateway.url], c.io, interruptible().runtime)).toBe(1);
    expect(c.err[0]).toBe(`gazette: ${gateway.url}/events/stream: HTTP 404: Cannot GET /events/stream`);
  });

  it('uses GAZETTE_API_URL, else API_PORT, when --api is not given', async () => {
    gateway = await GatewayStandIn.start((_request, response) => openEventStream(response));
    for (const env of [{ GAZETTE_API_URL: gateway.url }, { API_PORT: new URL(gateway.url).port }]) {
      const run = interruptible();
      const done = main(['watch'], capture().io, { ...run.runtime, env });
      const before = gateway.requests.length;
      await waitFor(async () => gateway!.requests.length === before + 1, { description: 'the request' });
      run.stop.abort();
      expect(await done).toBe(0);
    }
  });

  it.each([
    [['watch', 'extra'], /watch takes no arguments/],
    [['watch', '--kind', 'notice'], /--kind takes appointment or regulation, not "notice"/],
    [['watch', '--kind', 'regulation', '--person', '张三'], /--person: people only match appointments/],
    [['watch', '--region', ''], /--region: a filter term must not be empty/],
    [['watch', '--api', 'ftp://x'], /--api takes an http or https URL, not "ftp:\/\/x"/],
    [['watch', '--json=1'], /--json takes no value/],
    [['watch', '--since', '2024-01-01'], /unknown option --since/],
  ])('refuses %j as a usage error before any request', async (argv, message) => {
    const c = capture();
    const run = interruptible();
    expect(await main([...argv], c.io, run.runtime)).toBe(2);
    expect(c.err[0]).toMatch(message);
    expect(c.err.join('\n')).toMatch(/usage: gazette watch/);
    expect(run.released()).toBe(0);
  });

  it('explains itself with --help', async () => {
    const c = capture();
    expect(await main(['watch', '--help'], c.io)).toBe(0);
    expect(c.out.join('\n')).toMatch(/^usage: gazette watch[\s\S]*--organisation O[\s\S]*exit status/);
  });
});
