import { parseAddressAllowlist } from '@gazette-watch/subscriptions';
import { WebhookReceiver } from '@gazette-watch/testing';
import { WebhookAddressRefusedError, WebhookEndpointRepository } from './webhook-endpoint.repository';

/** Real sockets on loopback: the address checks happen where the connection is made. */
describe('WebhookEndpointRepository', () => {
  const receiver = new WebhookReceiver();
  const repositories: WebhookEndpointRepository[] = [];
  const endpoint = (allowlist: string) => {
    const repository = new WebhookEndpointRepository(parseAddressAllowlist(allowlist));
    repositories.push(repository);
    return repository;
  };
  const post = (repository: WebhookEndpointRepository, url: string) =>
    repository.post({ url, headers: { 'content-type': 'application/json' }, body: '{"a":1}', timeoutMs: 2_000 });

  beforeAll(() => receiver.start());
  afterAll(async () => {
    for (const repository of repositories) repository.close();
    await receiver.stop();
  });

  it('refuses a loopback address given literally, before connecting', async () => {
    const guarded = endpoint('');
    expect(guarded.checkUrl(receiver.url('/literal'))).toMatch(/loopback/);
    await expect(post(guarded, receiver.url('/literal'))).rejects.toBeInstanceOf(WebhookAddressRefusedError);
    expect(receiver.at('/literal')).toHaveLength(0);
  });

  it('refuses a name that resolves to a loopback address, when it connects', async () => {
    const guarded = endpoint('');
    const byName = receiver.url('/by-name').replace('127.0.0.1', 'localhost');
    // A name cannot be judged until it is resolved, so the check at subscription time lets it through.
    expect(guarded.checkUrl(byName)).toBeNull();
    await expect(post(guarded, byName)).rejects.toThrow('localhost resolves to an address webhooks may not reach');
    await expect(post(guarded, byName)).rejects.toMatchObject({ detail: expect.stringMatching(/loopback/) });
    expect(receiver.at('/by-name')).toHaveLength(0);
  });

  it('reaches an allowlisted address and reports the status and Retry-After as answered', async () => {
    receiver.answer = () => ({ status: 503, headers: { 'retry-after': '120' } });
    const allowed = endpoint('127.0.0.0/8, ::1');
    await expect(post(allowed, receiver.url('/allowed'))).resolves.toEqual({ statusCode: 503, retryAfter: '120' });
    const [request] = receiver.at('/allowed');
    expect(request.body).toBe('{"a":1}');
    expect(request.headers['content-length']).toBe('7');
  });

  it('does not follow a redirect', async () => {
    receiver.answer = (request) =>
      request.path === '/moved' ? { status: 307, headers: { location: receiver.url('/target') } } : { status: 200 };
    await expect(post(endpoint('127.0.0.1'), receiver.url('/moved'))).resolves.toMatchObject({ statusCode: 307 });
    expect(receiver.at('/target')).toHaveLength(0);
  });

  it('gives up on a receiver that does not answer within the timeout', async () => {
    const silent = new WebhookReceiver();
    await silent.start();
    silent.answer = () => ({ hang: true });
    const started = Date.now();
    await expect(
      endpoint('127.0.0.1').post({ url: silent.url('/slow'), headers: {}, body: '{}', timeoutMs: 300 }),
    ).rejects.toThrow(/no answer within 300 ms|socket hang up/);
    expect(Date.now() - started).toBeLessThan(2_000);
    await silent.stop();
  });
});
