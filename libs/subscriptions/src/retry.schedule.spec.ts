import {
  DEFAULT_RETRY_SCHEDULE,
  formatDuration,
  nextRetryDelay,
  parseRetryAfter,
  parseRetrySchedule,
} from './retry.schedule';

const S = 1000;
const M = 60 * S;
const H = 60 * M;

describe('parseRetrySchedule', () => {
  it('reads the default schedule', () => {
    expect(parseRetrySchedule(DEFAULT_RETRY_SCHEDULE)).toEqual([0, 5 * S, 5 * M, 30 * M, 2 * H, 5 * H, 10 * H, 10 * H]);
  });

  it('reads every unit, combined units, decimals and spaces', () => {
    expect(parseRetrySchedule(' 0 , 250ms, 2s, 1m, 1h, 1d, 1h30m, 1.5s ')).toEqual([
      0,
      250,
      2 * S,
      M,
      H,
      24 * H,
      90 * M,
      1500,
    ]);
  });

  it.each([
    ['', /at least one delay/],
    ['   ', /at least one delay/],
    ['0,,5s', /entry 2 is empty/],
    ['0,5s,', /entry 3 is empty/],
    ['5', /entry 1 "5".*needs a unit/],
    ['0,5x', /entry 2 "5x"/],
    ['5 s', /entry 1 "5 s"/],
    ['-5s', /entry 1 "-5s"/],
    ['5S', /entry 1 "5S"/],
    ['1e3s', /entry 1 "1e3s"/],
    ['99999999999999999d', /too long/],
  ])('refuses %p', (text, message) => {
    expect(() => parseRetrySchedule(text)).toThrow(RangeError);
    expect(() => parseRetrySchedule(text)).toThrow(message);
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0'],
    [250, '250ms'],
    [5 * S, '5s'],
    [5 * M, '5m'],
    [90 * M, '1h30m'],
    [26 * H + 1, '1d2h1ms'],
    [1500.4, '1s500ms'],
    [-5 * S, '-5s'],
  ])('%p → %p', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('is read back by parseRetrySchedule', () => {
    const schedule = [0, 1, 999, 5 * S, 61 * S, 90 * M, 10 * H, 49 * H + 7 * S];
    expect(parseRetrySchedule(schedule.map(formatDuration).join(','))).toEqual(schedule);
  });

  it('refuses what is not a duration', () => {
    expect(() => formatDuration(Number.NaN)).toThrow(RangeError);
    expect(() => formatDuration(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe('nextRetryDelay', () => {
  const schedule = parseRetrySchedule(DEFAULT_RETRY_SCHEDULE);
  const middle = () => 0.5;

  it('takes the delay before the next attempt from the schedule', () => {
    expect(nextRetryDelay({ attemptsMade: 1, schedule, random: middle })).toBe(5 * S);
    expect(nextRetryDelay({ attemptsMade: 2, schedule, random: middle })).toBe(5 * M);
    expect(nextRetryDelay({ attemptsMade: 7, schedule, random: middle })).toBe(10 * H);
  });

  it('gives up when every scheduled attempt has been made', () => {
    expect(nextRetryDelay({ attemptsMade: 8, schedule, random: middle })).toBeNull();
    expect(nextRetryDelay({ attemptsMade: 9, schedule, random: middle })).toBeNull();
    expect(nextRetryDelay({ attemptsMade: 1, schedule: [0], random: middle })).toBeNull();
  });

  it('spreads the delay by ±20 % by default', () => {
    expect(nextRetryDelay({ attemptsMade: 2, schedule, random: () => 0 })).toBe(4 * M);
    expect(nextRetryDelay({ attemptsMade: 2, schedule, random: () => 0.999999999 })).toBe(6 * M);
    expect(nextRetryDelay({ attemptsMade: 2, schedule, random: () => 0.75 })).toBe(5.5 * M);
  });

  it('uses the given jitter fraction, and none at 0', () => {
    expect(nextRetryDelay({ attemptsMade: 2, schedule, jitter: 0.5, random: () => 0 })).toBe(2.5 * M);
    expect(nextRetryDelay({ attemptsMade: 2, schedule, jitter: 0, random: () => 0 })).toBe(5 * M);
  });

  it('stays within the band with the default random source', () => {
    for (let i = 0; i < 200; i += 1) {
      const delay = nextRetryDelay({ attemptsMade: 3, schedule })!;
      expect(delay).toBeGreaterThanOrEqual(24 * M);
      expect(delay).toBeLessThanOrEqual(36 * M);
    }
  });

  it('waits longer when Retry-After asks for more than the schedule', () => {
    expect(nextRetryDelay({ attemptsMade: 1, schedule, random: middle, retryAfterMs: 2 * M })).toBe(2 * M);
  });

  it('never waits less than the schedule because of Retry-After', () => {
    expect(nextRetryDelay({ attemptsMade: 2, schedule, random: middle, retryAfterMs: 10 * S })).toBe(5 * M);
    expect(nextRetryDelay({ attemptsMade: 2, schedule, random: middle, retryAfterMs: 0 })).toBe(5 * M);
    expect(nextRetryDelay({ attemptsMade: 2, schedule, random: middle, retryAfterMs: null })).toBe(5 * M);
  });

  it('caps Retry-After at 24 h by default, or at the given cap', () => {
    expect(nextRetryDelay({ attemptsMade: 1, schedule, random: middle, retryAfterMs: 72 * H })).toBe(24 * H);
    expect(nextRetryDelay({ attemptsMade: 1, schedule, random: middle, retryAfterMs: 2 * H, maxRetryAfterMs: H })).toBe(
      H,
    );
  });

  it('does not retry past the schedule because of Retry-After', () => {
    expect(nextRetryDelay({ attemptsMade: 8, schedule, random: middle, retryAfterMs: M })).toBeNull();
  });

  it('refuses an impossible attempt count or jitter', () => {
    expect(() => nextRetryDelay({ attemptsMade: 0, schedule })).toThrow(RangeError);
    expect(() => nextRetryDelay({ attemptsMade: 1.5, schedule })).toThrow(RangeError);
    expect(() => nextRetryDelay({ attemptsMade: 1, schedule, jitter: 1.5 })).toThrow(RangeError);
    expect(() => nextRetryDelay({ attemptsMade: 1, schedule, jitter: Number.NaN })).toThrow(RangeError);
  });
});

describe('parseRetryAfter', () => {
  const now = new Date('2024-03-01T12:00:00Z');

  it('reads delta-seconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120 * S);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
  });

  it('reads an IMF-fixdate relative to now', () => {
    expect(parseRetryAfter('Fri, 01 Mar 2024 12:05:00 GMT', now)).toBe(5 * M);
  });

  it('reads the obsolete RFC 850 and asctime forms', () => {
    expect(parseRetryAfter('Friday, 01-Mar-24 12:00:30 GMT', now)).toBe(30 * S);
    expect(parseRetryAfter('Fri Mar  1 13:00:00 2024', now)).toBe(H);
  });

  it('reads a date in the past, or a negative number, as now', () => {
    expect(parseRetryAfter('Thu, 29 Feb 2024 12:00:00 GMT', now)).toBe(0);
    // More than 50 years ahead is the past century: 2075 is 1975; 2074 is not yet.
    expect(parseRetryAfter('Saturday, 01-Mar-75 12:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('Thursday, 01-Mar-74 12:00:00 GMT', now)).toBeGreaterThan(0);
    expect(parseRetryAfter('-30', now)).toBe(0);
  });

  it.each([
    null,
    undefined,
    '',
    'soon',
    '1.5',
    '12s',
    'Fri, 31 Feb 2024 12:00:00 GMT',
    'Fri, 01 Mar 2024 25:00:00 GMT',
    '2024-03-01T12:05:00Z',
  ])('gives null for %p', (value) => {
    expect(parseRetryAfter(value, now)).toBeNull();
  });
});
