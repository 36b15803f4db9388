/** One remembered answer and when it stops counting (ms since the epoch, by the cache's clock). */
interface CachedEntry<T> {
  value: T;
  expiresAt: number;
}

/**
 * Remembered authentications by key digest, least recently used first out, each with its own
 * lifetime: a known key is remembered longer than an unknown one, so a new key works within
 * seconds while every request of a known key does not cost an RPC.
 */
export class AuthenticationCache<T> {
  private readonly entries = new Map<string, CachedEntry<T>>();

  constructor(
    private readonly maxEntries: number,
    private readonly now: () => number = Date.now,
  ) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new RangeError('maxEntries must be a positive integer');
  }

  get size(): number {
    return this.entries.size;
  }

  /** The remembered value, or undefined when absent or expired. */
  get(digest: string): T | undefined {
    const entry = this.entries.get(digest);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(digest);
      return undefined;
    }
    // Re-inserting moves it to the young end: a Map iterates in insertion order.
    this.entries.delete(digest);
    this.entries.set(digest, entry);
    return entry.value;
  }

  set(digest: string, value: T, ttlMs: number): void {
    this.entries.delete(digest);
    this.entries.set(digest, { value, expiresAt: this.now() + ttlMs });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }
}
