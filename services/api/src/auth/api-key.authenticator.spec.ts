import { ApiKeyAuthenticator } from './api-key.authenticator';

const ADMIN_KEY = 'admin-key-of-the-authenticator-spec';
const SUBSCRIBER_KEY = 'gw_subscriber_key';
const SUBSCRIBER_ID = '3f0c9a56-1b2d-4c3e-8f4a-5b6c7d8e9f01';

describe('ApiKeyAuthenticator', () => {
  let now: number;
  let lookup: jest.Mock<Promise<string | null>, [string]>;

  function authenticator(adminKeys: string[] = [ADMIN_KEY]): ApiKeyAuthenticator {
    return new ApiKeyAuthenticator({ adminKeys, lookup, now: () => now });
  }

  beforeEach(() => {
    now = 0;
    lookup = jest.fn(async (key: string) => (key === SUBSCRIBER_KEY ? SUBSCRIBER_ID : null));
  });

  it('recognises an admin key without asking, among several', async () => {
    const auth = authenticator(['another-admin-key-of-the-spec-000', ADMIN_KEY]);
    await expect(auth.authenticate(ADMIN_KEY)).resolves.toEqual({ role: 'admin' });
    expect(lookup).not.toHaveBeenCalled();
  });

  it('does not take a prefix or an extension of an admin key for it', async () => {
    const auth = authenticator();
    await expect(auth.authenticate(ADMIN_KEY.slice(0, -1))).resolves.toBeNull();
    await expect(auth.authenticate(`${ADMIN_KEY}x`)).resolves.toBeNull();
  });

  it('has no operator when no admin key is configured', async () => {
    await expect(authenticator([]).authenticate('')).resolves.toBeNull();
    expect(lookup).not.toHaveBeenCalled();
  });

  it('asks for a subscriber key and remembers the answer for 30 s', async () => {
    const auth = authenticator();
    const subscriber = { role: 'subscriber', subscriber_id: SUBSCRIBER_ID };
    await expect(auth.authenticate(SUBSCRIBER_KEY)).resolves.toEqual(subscriber);
    now += 29_999;
    await expect(auth.authenticate(SUBSCRIBER_KEY)).resolves.toEqual(subscriber);
    expect(lookup).toHaveBeenCalledTimes(1);
    now += 1;
    await auth.authenticate(SUBSCRIBER_KEY);
    expect(lookup).toHaveBeenCalledTimes(2);
    expect(lookup).toHaveBeenCalledWith(SUBSCRIBER_KEY);
  });

  it('remembers an unknown key for two seconds only', async () => {
    const auth = authenticator();
    await expect(auth.authenticate('gw_unknown')).resolves.toBeNull();
    now += 1_999;
    await auth.authenticate('gw_unknown');
    expect(lookup).toHaveBeenCalledTimes(1);
    now += 1;
    await auth.authenticate('gw_unknown');
    expect(lookup).toHaveBeenCalledTimes(2);
  });

  it('asks once for concurrent requests with the same key', async () => {
    const auth = authenticator();
    const answers = await Promise.all([1, 2, 3].map(() => auth.authenticate(SUBSCRIBER_KEY)));
    expect(answers.every((principal) => principal?.role === 'subscriber')).toBe(true);
    expect(lookup).toHaveBeenCalledTimes(1);
  });

  it('does not remember a failed lookup', async () => {
    lookup.mockRejectedValueOnce(new Error('the notification service did not answer'));
    const auth = authenticator();
    await expect(auth.authenticate(SUBSCRIBER_KEY)).rejects.toThrow('did not answer');
    await expect(auth.authenticate(SUBSCRIBER_KEY)).resolves.toMatchObject({ role: 'subscriber' });
    expect(lookup).toHaveBeenCalledTimes(2);
  });

  it('refuses an empty or overlong key without asking', async () => {
    const auth = authenticator();
    await expect(auth.authenticate('')).resolves.toBeNull();
    await expect(auth.authenticate('k'.repeat(201))).resolves.toBeNull();
    expect(lookup).not.toHaveBeenCalled();
  });
});
