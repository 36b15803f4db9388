import { closedApiUrl, GatewayStandIn, respondJson } from '../test/gateway-stand-in.server';
import { main } from './main';
import { formatCreatedSubscription } from './subscribe.command';

const ID = '3f0c2d4e-8a4b-4c1d-9e2f-0a1b2c3d4e5f';
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

function created(overrides: { secret?: string | null; backfilled?: number } = {}) {
  return {
    subscription: {
      id: ID,
      subscriber_id: '7a1e2b3c-4d5e-4f60-8a9b-0c1d2e3f4a5b',
      name: '吕梁市任免',
      filter: { kinds: ['appointment' as const], regions: ['吕梁市'] },
      webhook: {
        url: 'https://hooks.example.org/gazette',
        status: 'active',
        disabled_reason: null,
        disabled_at: null,
        failing_since: null,
      },
      nats_subject: `notify.${ID}`,
      backfill_since: null,
      created_at: '2024-05-01T06:00:00.000Z',
      updated_at: '2024-05-01T06:00:00.000Z',
    },
    secret: SECRET,
    backfilled: 0,
    ...overrides,
  };
}

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
}

const ARGS = ['subscribe', '--name', '吕梁市任免', '--url', 'https://hooks.example.org/gazette'];

describe('gazette subscribe', () => {
  let gateway: GatewayStandIn | undefined;
  afterEach(async () => {
    await gateway?.close();
    gateway = undefined;
  });

  async function answering(status: number, body: unknown): Promise<GatewayStandIn> {
    gateway = await GatewayStandIn.start((_request, response) => respondJson(response, status, body));
    return gateway;
  }

  it('posts the subscription with the key and prints its id, subject, filter and secret', async () => {
    const api = await answering(201, created({ backfilled: 3 }));
    const c = capture();
    const code = await main(
      [...ARGS, '--kind', 'appointment', '--region', '吕梁市', '--since', '2024-01-01', '--api', api.url],
      c.io,
      { env: { GAZETTE_API_KEY: 'gw_subscriber_key' } },
    );
    expect(c.err).toEqual([]);
    expect(code).toBe(0);

    expect(api.requests).toHaveLength(1);
    const [request] = api.requests;
    expect(request.method).toBe('POST');
    expect(request.url.pathname).toBe('/subscriptions');
    expect(request.headers.authorization).toBe('Bearer gw_subscriber_key');
    expect(request.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request.body)).toEqual({
      name: '吕梁市任免',
      filter: { kinds: ['appointment' as const], regions: ['吕梁市'] },
      webhook: { url: 'https://hooks.example.org/gazette' },
      backfill_since: '2024-01-01',
    });

    expect(c.out).toEqual([
      `subscription  ${ID}  吕梁市任免`,
      `NATS subject  notify.${ID}`,
      'filter        kinds appointment; regions 吕梁市',
      'webhook       https://hooks.example.org/gazette',
      'backfill      3 known facts since 2024-01-01 queued',
      `secret        ${SECRET}`,
      expect.stringMatching(/^ {14}keep it safe now: .*not shown again$/),
    ]);
  });

  it('sends an empty filter and no backfill when none is given, and takes --key over the environment', async () => {
    const api = await answering(201, created());
    const code = await main([...ARGS, '--key', 'from_flag', '--api', api.url], capture().io, {
      env: { GAZETTE_API_KEY: 'from_env' },
    });
    expect(code).toBe(0);
    expect(api.requests[0].headers.authorization).toBe('Bearer from_flag');
    expect(JSON.parse(api.requests[0].body)).toEqual({
      name: '吕梁市任免',
      filter: {},
      webhook: { url: 'https://hooks.example.org/gazette' },
    });
  });

  it('exits 1 with the message of a refusal', async () => {
    const api = await answering(403, { statusCode: 403, message: 'this key may not create subscriptions' });
    const c = capture();
    expect(await main([...ARGS, '--api', api.url], c.io, { env: { GAZETTE_API_KEY: 'k' } })).toBe(1);
    expect(c.err).toEqual([
      'gazette: the API refused the subscription (HTTP 403): this key may not create subscriptions',
    ]);
    expect(c.out).toEqual([]);
  });

  it('exits 1 with the issues of a 400', async () => {
    const api = await answering(400, {
      statusCode: 400,
      message: 'invalid subscription: webhook.url: refused address',
      issues: [{ path: 'webhook.url', message: 'refused address' }],
    });
    const c = capture();
    expect(await main([...ARGS, '--api', api.url], c.io, { env: { GAZETTE_API_KEY: 'k' } })).toBe(1);
    expect(c.err).toEqual([
      'gazette: the API refused the subscription (HTTP 400): invalid subscription: webhook.url: refused address',
      '  webhook.url: refused address',
    ]);
  });

  it('exits 1 when the API cannot be reached', async () => {
    const url = await closedApiUrl();
    const c = capture();
    expect(await main([...ARGS, '--api', url], c.io, { env: { GAZETTE_API_KEY: 'k' } })).toBe(1);
    expect(c.err).toEqual([
      expect.stringMatching(new RegExp(`^gazette: cannot reach the API at ${url}: .*ECONNREFUSED`)),
    ]);
  });

  it('shows an answer it does not understand as received, so the secret is not lost', async () => {
    const reply = { ...created(), subscription: { id: ID } };
    const api = await answering(201, reply);
    const c = capture();
    expect(await main([...ARGS, '--api', api.url], c.io, { env: { GAZETTE_API_KEY: 'k' } })).toBe(1);
    expect(c.err[0]).toMatch(/^gazette: the API's answer was not understood \(subscription\.name: /);
    expect(JSON.parse(c.out.join(''))).toEqual(reply);
  });

  it.each([
    [['subscribe', '--url', 'https://h/x'], /subscribe needs --name NAME/],
    [['subscribe', '--name', ' ', '--url', 'https://h/x'], /subscribe needs --name NAME/],
    [['subscribe', '--name', 'n'], /subscribe needs --url WEBHOOK_URL/],
    [[...ARGS.slice(0, 3), '--url', 'not a url'], /--url takes an http or https URL, not "not a url"/],
    [[...ARGS.slice(0, 3), '--url', 'ftp://h/x'], /--url: expected an http or https URL/],
    [[...ARGS.slice(0, 3), '--url', 'https://u:p@h/x'], /--url: a webhook URL must not carry credentials/],
    [[...ARGS, '--since', '2024-02-30'], /--since takes a date as YYYY-MM-DD, not "2024-02-30"/],
    [[...ARGS, '--since', 'yesterday'], /--since takes a date as YYYY-MM-DD/],
    [[...ARGS, '--kind', 'regulation', '--organisation', '财政局'], /--organisation: organisations only match/],
    [[...ARGS, '--json'], /unknown option --json/],
    [[...ARGS, 'extra'], /subscribe takes no arguments/],
  ])('refuses %j as a usage error', async (argv, message) => {
    const c = capture();
    expect(await main([...argv], c.io, { env: { GAZETTE_API_KEY: 'k', GAZETTE_API_URL: 'http://127.0.0.1:1' } })).toBe(
      2,
    );
    expect(c.err[0]).toMatch(message);
    expect(c.err.join('\n')).toMatch(/usage: gazette subscribe/);
  });

  it('refuses to run without an API key, or with one no header can carry', async () => {
    for (const [env, message] of [
      [{}, /subscribe needs an API key: set GAZETTE_API_KEY/],
      [{ GAZETTE_API_KEY: 'key with spaces' }, /the API key holds characters no key has/],
    ] as const) {
      const c = capture();
      expect(await main([...ARGS], c.io, { env })).toBe(2);
      expect(c.err[0]).toMatch(message);
    }
  });

  it('explains itself with --help, discouraging --key', async () => {
    const c = capture();
    expect(await main(['subscribe', '-h'], c.io)).toBe(0);
    expect(c.out.join('\n')).toMatch(/--key KEY .*prefer GAZETTE_API_KEY/);
  });

  it('leaves out the secret when there is none and the backfill when none was asked', () => {
    const lines = formatCreatedSubscription(
      { ...created({ secret: null }), subscription: { ...created().subscription, webhook: null } },
      null,
    );
    expect(lines.join('\n')).not.toMatch(/secret|backfill/);
    expect(lines).toContain('webhook       (none)');
  });
});
