import { backoffDelay } from './retry-backoff';

describe('backoffDelay', () => {
  const options = { baseMs: 100, maxMs: 1_000 };

  it('grows per attempt and stays within [d/2, d]', () => {
    expect(backoffDelay(1, options, () => 0)).toBe(50);
    expect(backoffDelay(1, options, () => 1)).toBe(100);
    expect(backoffDelay(3, options, () => 1)).toBe(400);
  });

  it('is capped', () => {
    expect(backoffDelay(20, options, () => 1)).toBe(1_000);
    expect(backoffDelay(1_000, options, () => 0)).toBe(500);
  });
});
