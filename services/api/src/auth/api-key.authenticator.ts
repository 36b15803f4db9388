import type { Principal } from '@gazette-watch/contracts';
import { createHash, timingSafeEqual } from 'node:crypto';
import { AuthenticationCache } from './authentication.cache';

/** Asks the owner of subscriber keys which subscriber `apiKey` belongs to; null when none. */
export type SubscriberKeyLookup = (apiKey: string) => Promise<string | null>;

export interface ApiKeyAuthenticatorOptions {
  /** Operator keys from ADMIN_API_KEYS; empty means nobody is an operator. */
  adminKeys: readonly string[];
  lookup: SubscriberKeyLookup;
  /** How long a known subscriber key is trusted without asking again. Default 30 s. */
  knownTtlMs?: number;
  /** How long an unknown key is refused without asking again. Default 2 s. */
  unknownTtlMs?: number;
  /** Keys remembered at most. Default 10 000. */
  maxEntries?: number;
  now?: () => number;
}

/** Longest key the subscriber contract accepts; anything longer is no subscriber's. */
const MAX_SUBSCRIBER_KEY_LENGTH = 200;

const ADMIN: Principal = Object.freeze({ role: 'admin' });

function digestOf(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}

/**
 * Who an API key belongs to: an operator when it is one of the admin keys, else the subscriber the
 * notification service knows it for. Keys are compared and remembered only as sha256 digests, so a
 * comparison takes the same time wherever the first differing character is, and the cache holds no
 * usable key.
 */
export class ApiKeyAuthenticator {
  private readonly adminDigests: readonly Buffer[];
  private readonly cache: AuthenticationCache<Principal | null>;
  /** Lookups under way, so that a burst of requests with one key asks once. */
  private readonly pending = new Map<string, Promise<Principal | null>>();
  private readonly knownTtlMs: number;
  private readonly unknownTtlMs: number;

  constructor(private readonly options: ApiKeyAuthenticatorOptions) {
    this.adminDigests = options.adminKeys.map(digestOf);
    this.knownTtlMs = options.knownTtlMs ?? 30_000;
    this.unknownTtlMs = options.unknownTtlMs ?? 2_000;
    this.cache = new AuthenticationCache(options.maxEntries ?? 10_000, options.now);
  }

  /** The principal, or null for a key nobody holds. Lookup failures (the service is away) propagate. */
  async authenticate(apiKey: string): Promise<Principal | null> {
    const digest = digestOf(apiKey);
    if (this.isAdminDigest(digest)) return ADMIN;
    if (apiKey.length === 0 || apiKey.length > MAX_SUBSCRIBER_KEY_LENGTH) return null;
    const id = digest.toString('hex');
    const cached = this.cache.get(id);
    if (cached !== undefined) return cached;
    let lookup = this.pending.get(id);
    if (!lookup) {
      lookup = this.lookUp(id, apiKey).finally(() => this.pending.delete(id));
      this.pending.set(id, lookup);
    }
    return lookup;
  }

  private async lookUp(id: string, apiKey: string): Promise<Principal | null> {
    const subscriberId = await this.options.lookup(apiKey);
    const principal: Principal | null = subscriberId ? { role: 'subscriber', subscriber_id: subscriberId } : null;
    this.cache.set(id, principal, principal ? this.knownTtlMs : this.unknownTtlMs);
    return principal;
  }

  private isAdminDigest(digest: Buffer): boolean {
    // Every admin digest is compared, so the time taken does not tell which key came close.
    let matched = false;
    for (const admin of this.adminDigests) matched = timingSafeEqual(digest, admin) || matched;
    return matched;
  }
}
