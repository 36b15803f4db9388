import { createHmac, randomBytes } from 'node:crypto';

/**
 * Standard Webhooks (https://www.standardwebhooks.com/) signing: each secret signs
 * `${id}.${timestamp}.${body}` with HMAC-SHA256 and the header lists one `v1,<base64>` per secret,
 * so receivers keep verifying while a rotated secret and its predecessor are both valid.
 */

const SECRET_PREFIX = 'whsec_';
const SECRET_BYTES = 32;
/** The spec's recommended key sizes; shorter keys are refused rather than silently weak. */
const MIN_KEY_BYTES = 24;
const MAX_KEY_BYTES = 64;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export interface WebhookSigningInput {
  /** The message id, stable across retries so receivers can deduplicate. */
  id: string;
  /** Unix seconds of this attempt. */
  timestamp: number;
  /** The exact bytes sent, as a string; re-serialising would break the signature. */
  body: string;
  secrets: readonly string[];
}

/** `whsec_` and the base64 of 32 random bytes. */
export function generateWebhookSecret(random: (size: number) => Buffer = randomBytes): string {
  const key = random(SECRET_BYTES);
  if (key.length !== SECRET_BYTES) {
    throw new RangeError(`a webhook secret needs ${SECRET_BYTES} random bytes, got ${key.length}`);
  }
  return SECRET_PREFIX + key.toString('base64');
}

/** `whsec_` followed by canonical base64 of a 24 to 64 byte key. */
export function isWebhookSecret(value: string): boolean {
  if (!value.startsWith(SECRET_PREFIX)) return false;
  const encoded = value.slice(SECRET_PREFIX.length);
  if (encoded === '' || !BASE64.test(encoded)) return false;
  const size = Buffer.from(encoded, 'base64').length;
  return size >= MIN_KEY_BYTES && size <= MAX_KEY_BYTES;
}

function keyOf(secret: string, index: number): Buffer {
  // The secret itself never goes into the message: errors end up in logs.
  if (!isWebhookSecret(secret)) throw new RangeError(`webhook secret #${index + 1} is not a whsec_ secret`);
  return Buffer.from(secret.slice(SECRET_PREFIX.length), 'base64');
}

/** The `webhook-signature` header value: space-separated `v1,<signature>`, one per distinct secret. */
export function signWebhook(input: WebhookSigningInput): string {
  const { id, timestamp, body, secrets } = input;
  if (id === '' || /[\s.]/.test(id)) {
    // A dot would make `${id}.${timestamp}` ambiguous; whitespace cannot travel in a header.
    throw new RangeError('a webhook id must be non-empty, without dots or whitespace');
  }
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) {
    throw new RangeError(`a webhook timestamp is whole unix seconds, got ${timestamp}`);
  }
  if (secrets.length === 0) throw new RangeError('signing a webhook needs at least one secret');
  const content = `${id}.${timestamp}.${body}`;
  const signatures = secrets.map(
    (secret, index) => `v1,${createHmac('sha256', keyOf(secret, index)).update(content, 'utf8').digest('base64')}`,
  );
  return [...new Set(signatures)].join(' ');
}

/** Everything a delivery sends besides the body. */
export function webhookHeaders(input: WebhookSigningInput): Record<string, string> {
  return {
    'webhook-id': input.id,
    'webhook-timestamp': String(input.timestamp),
    'webhook-signature': signWebhook(input),
    'content-type': 'application/json',
  };
}
