import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { generateWebhookSecret, isWebhookSecret, signWebhook, webhookHeaders } from './webhook.signer';

const now = () => Math.floor(Date.now() / 1000);
const body = JSON.stringify({
  type: 'appointment.created',
  timestamp: '2024-03-01T00:00:00.000Z',
  data: { person: '张三' },
});
const id = '5f0e4f7a-7d1c-4a4e-9b52-0c3d8f0f6a11';

describe('generateWebhookSecret', () => {
  it('is whsec_ and the base64 of 32 bytes from the random source', () => {
    const secret = generateWebhookSecret((size) => Buffer.alloc(size, 7));
    expect(secret).toBe(`whsec_${Buffer.alloc(32, 7).toString('base64')}`);
    expect(isWebhookSecret(secret)).toBe(true);
  });

  it('differs between calls with the default source', () => {
    expect(generateWebhookSecret()).not.toBe(generateWebhookSecret());
  });

  it('refuses a random source that returns the wrong size', () => {
    expect(() => generateWebhookSecret(() => Buffer.alloc(16))).toThrow(RangeError);
  });
});

describe('isWebhookSecret', () => {
  it.each([
    [generateWebhookSecret(), true],
    [`whsec_${Buffer.alloc(24, 1).toString('base64')}`, true],
    [`whsec_${Buffer.alloc(64, 1).toString('base64')}`, true],
    [`whsec_${Buffer.alloc(16, 1).toString('base64')}`, false],
    [`whsec_${Buffer.alloc(65, 1).toString('base64')}`, false],
    [Buffer.alloc(32, 1).toString('base64'), false],
    ['whsec_', false],
    ['whsec_not base64!', false],
    [`whsec_${Buffer.alloc(32, 1).toString('base64url')}`, false],
  ])('%p → %p', (value, expected) => {
    expect(isWebhookSecret(value)).toBe(expected);
  });
});

describe('signWebhook', () => {
  it('signs id.timestamp.body with HMAC-SHA256 under the base64-decoded key', () => {
    const key = Buffer.alloc(32, 9);
    const expected = createHmac('sha256', key).update(`${id}.1700000000.${body}`).digest('base64');
    expect(signWebhook({ id, timestamp: 1700000000, body, secrets: [`whsec_${key.toString('base64')}`] })).toBe(
      `v1,${expected}`,
    );
  });

  it('lists one signature per distinct secret, space-separated', () => {
    const [a, b] = [generateWebhookSecret(), generateWebhookSecret()];
    const header = signWebhook({ id, timestamp: 1700000000, body, secrets: [a, b, a] });
    const entries = header.split(' ');
    expect(entries).toHaveLength(2);
    for (const entry of entries) expect(entry).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
  });

  it('refuses to sign without a secret, with a malformed one, or with an unusable id or timestamp', () => {
    const secrets = [generateWebhookSecret()];
    expect(() => signWebhook({ id, timestamp: 1, body, secrets: [] })).toThrow(RangeError);
    expect(() => signWebhook({ id, timestamp: 1, body, secrets: ['whsec_short'] })).toThrow(/secret #1/);
    expect(() => signWebhook({ id, timestamp: 1.5, body, secrets })).toThrow(RangeError);
    expect(() => signWebhook({ id, timestamp: -1, body, secrets })).toThrow(RangeError);
    expect(() => signWebhook({ id: '', timestamp: 1, body, secrets })).toThrow(RangeError);
    expect(() => signWebhook({ id: 'a.b', timestamp: 1, body, secrets })).toThrow(RangeError);
  });

  it('does not put the secret into its error', () => {
    const secret = 'whsec_c2VjcmV0';
    expect(() => signWebhook({ id, timestamp: 1, body, secrets: [secret] })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('c2VjcmV0') }),
    );
  });
});

describe('webhookHeaders against the standardwebhooks reference implementation', () => {
  const previous = generateWebhookSecret();
  const current = generateWebhookSecret();
  const headers = webhookHeaders({ id, timestamp: now(), body, secrets: [current, previous] });

  it('carries id, timestamp, signature and the JSON content type', () => {
    expect(Object.keys(headers).sort()).toEqual([
      'content-type',
      'webhook-id',
      'webhook-signature',
      'webhook-timestamp',
    ]);
    expect(headers['content-type']).toBe('application/json');
    expect(headers['webhook-id']).toBe(id);
    expect(headers['webhook-timestamp']).toMatch(/^\d+$/);
  });

  it('verifies under either of two rotating secrets', () => {
    expect(new Webhook(current).verify(body, headers)).toEqual(JSON.parse(body));
    expect(new Webhook(previous).verify(body, headers)).toEqual(JSON.parse(body));
  });

  it('is rejected for a tampered body, a foreign secret or another id', () => {
    expect(() => new Webhook(current).verify(body.replace('张三', '李四'), headers)).toThrow(/signature/);
    expect(() => new Webhook(generateWebhookSecret()).verify(body, headers)).toThrow(/signature/);
    expect(() => new Webhook(current).verify(body, { ...headers, 'webhook-id': 'other' })).toThrow(/signature/);
  });

  it('signs the body as UTF-8, as receivers read it', () => {
    const text = JSON.stringify({ note: '吕梁 😀 \u00e9' });
    const signed = webhookHeaders({ id, timestamp: now(), body: text, secrets: [current] });
    expect(new Webhook(current).verify(Buffer.from(text, 'utf8'), signed)).toEqual(JSON.parse(text));
  });
});
