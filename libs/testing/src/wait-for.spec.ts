import { waitFor } from './wait-for';

describe('waitFor', () => {
  it('returns the first value that is neither undefined nor false', async () => {
    let calls = 0;
    const value = await waitFor(async () => (++calls >= 3 ? { calls } : undefined), {
      description: 'the third call',
      intervalMs: 1,
    });
    expect(value).toEqual({ calls: 3 });
  });

  it('accepts falsy values other than undefined and false', async () => {
    await expect(waitFor(async () => 0, { description: 'zero' })).resolves.toBe(0);
  });

  it('times out naming what it waited for and the last value', async () => {
    await expect(
      waitFor(async () => false, { timeoutMs: 100, intervalMs: 10, description: 'the answer' }),
    ).rejects.toThrow('Timed out after 100ms waiting for the answer; last value: false');
  });

  it('keeps polling through probe errors and reports the last one', async () => {
    await expect(
      waitFor(
        async () => {
          throw new Error('relation "widget" does not exist');
        },
        { timeoutMs: 60, intervalMs: 10, description: 'a widget row' },
      ),
    ).rejects.toThrow(
      'Timed out after 60ms waiting for a widget row; last value: error: relation "widget" does not exist',
    );
  });

  it('does not wait past the deadline for a probe that hangs', async () => {
    const started = Date.now();
    await expect(
      waitFor(() => new Promise<never>(() => undefined), { timeoutMs: 80, description: 'a hanging probe' }),
    ).rejects.toThrow('Timed out after 80ms waiting for a hanging probe; last value: none (the probe never completed)');
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
