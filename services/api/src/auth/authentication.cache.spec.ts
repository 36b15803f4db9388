import { AuthenticationCache } from './authentication.cache';

describe('AuthenticationCache', () => {
  let now: number;
  const clock = () => now;

  beforeEach(() => {
    now = 1_000;
  });

  it('remembers a value until its lifetime is over', () => {
    const cache = new AuthenticationCache<string>(10, clock);
    cache.set('a', 'alice', 500);
    now += 499;
    expect(cache.get('a')).toBe('alice');
    now += 1;
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('keeps each entry to its own lifetime', () => {
    const cache = new AuthenticationCache<string | null>(10, clock);
    cache.set('known', 'alice', 30_000);
    cache.set('unknown', null, 2_000);
    now += 2_000;
    expect(cache.get('unknown')).toBeUndefined();
    expect(cache.get('known')).toBe('alice');
  });

  it('drops the least recently used entry beyond its size', () => {
    const cache = new AuthenticationCache<number>(2, clock);
    cache.set('a', 1, 60_000);
    cache.set('b', 2, 60_000);
    expect(cache.get('a')).toBe(1);
    cache.set('c', 3, 60_000);
    expect(cache.size).toBe(2);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
  });

  it('refuses a size that is not a positive integer', () => {
    expect(() => new AuthenticationCache(0)).toThrow(RangeError);
  });
});
