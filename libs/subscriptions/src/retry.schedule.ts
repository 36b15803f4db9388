/**
 * When a failed webhook delivery is tried again: a schedule of delays (Standard Webhooks'
 * recommended one by default), spread by jitter so a receiver that was down is not hit by every
 * retry at the same instant, and stretched, within reason, when the receiver asks via Retry-After.
 */

/** Eight attempts over about 28 hours: the first at once, the last after 10 h more. */
export const DEFAULT_RETRY_SCHEDULE = '0,5s,5m,30m,2h,5h,10h,10h';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const UNITS: Record<string, number> = { ms: 1, s: SECOND, m: MINUTE, h: HOUR, d: DAY };
/** Largest unit first, for formatting. */
const FORMAT_UNITS: [string, number][] = [
  ['d', DAY],
  ['h', HOUR],
  ['m', MINUTE],
  ['s', SECOND],
  ['ms', 1],
];
/** One or more `<number><unit>` parts ("1h30m"), or a bare 0. */
const DURATION = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h|d))+$/;
const DURATION_PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/g;

const DEFAULT_JITTER = 0.2;
const DEFAULT_MAX_RETRY_AFTER_MS = DAY;

function parseDuration(token: string, position: number): number {
  if (/^0+(?:\.0+)?$/.test(token)) return 0;
  if (!DURATION.test(token)) {
    const hint = /^\d+(?:\.\d+)?$/.test(token) ? ' (a number other than 0 needs a unit)' : '';
    throw new RangeError(
      `retry schedule entry ${position} "${token}" is not a duration such as 0, 500ms, 5s, 5m, 2h, 1d or 1h30m${hint}`,
    );
  }
  let ms = 0;
  for (const [, amount, unit] of token.matchAll(DURATION_PART)) ms += Number(amount) * UNITS[unit];
  ms = Math.round(ms);
  if (!Number.isSafeInteger(ms)) throw new RangeError(`retry schedule entry ${position} "${token}" is too long`);
  return ms;
}

/**
 * Comma-separated delays, one per attempt ("0,5s,5m"): entry i is the wait before attempt i + 1.
 * Units ms, s, m, h, d, combinable ("1h30m"); a bare 0 needs none.
 */
export function parseRetrySchedule(text: string): number[] {
  if (text.trim() === '') throw new RangeError('a retry schedule needs at least one delay, e.g. "0,5s,5m"');
  return text.split(',').map((entry, index) => {
    const token = entry.trim();
    if (token === '') throw new RangeError(`retry schedule entry ${index + 1} is empty in "${text}"`);
    return parseDuration(token, index + 1);
  });
}

/** A compact duration ("5m", "1h30m", "250ms", "0") that `parseRetrySchedule` reads back. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) throw new RangeError(`${ms} is not a duration`);
  if (ms < 0) return `-${formatDuration(-ms)}`;
  let rest = Math.round(ms);
  if (rest === 0) return '0';
  let text = '';
  for (const [unit, size] of FORMAT_UNITS) {
    const amount = Math.floor(rest / size);
    if (amount > 0) {
      text += `${amount}${unit}`;
      rest -= amount * size;
    }
  }
  return text;
}

export interface RetryDecisionInput {
  /** Attempts already made, including the one that just failed (>= 1). */
  attemptsMade: number;
  /** schedule[i] = delay before attempt i + 1 (schedule[0] is the first attempt's delay, normally 0). */
  schedule: readonly number[];
  /** Fraction, default 0.2: delay * (1 + jitter * (2 * random() - 1)). */
  jitter?: number;
  /** Default Math.random. */
  random?: () => number;
  /** From the receiver's Retry-After. */
  retryAfterMs?: number | null;
  /** Cap on honouring Retry-After (default 24 h), so a receiver cannot park a delivery for ever. */
  maxRetryAfterMs?: number;
}

/** ms until the next attempt, or null when the schedule is exhausted (attemptsMade >= schedule.length). */
export function nextRetryDelay(input: RetryDecisionInput): number | null {
  const { attemptsMade, schedule } = input;
  const jitter = input.jitter ?? DEFAULT_JITTER;
  const maxRetryAfterMs = input.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS;
  if (!Number.isInteger(attemptsMade) || attemptsMade < 1) {
    throw new RangeError(`attemptsMade counts the attempt that just failed, so it is at least 1, got ${attemptsMade}`);
  }
  if (!(jitter >= 0 && jitter <= 1)) throw new RangeError(`jitter is a fraction between 0 and 1, got ${jitter}`);
  if (attemptsMade >= schedule.length) return null;
  const scheduled = schedule[attemptsMade];
  // Clamped so a generator returning exactly 1 (or a little outside [0, 1)) cannot leave the band.
  const spread = 2 * Math.min(Math.max((input.random ?? Math.random)(), 0), 1) - 1;
  const jittered = Math.max(0, Math.round(scheduled * (1 + jitter * spread)));
  const retryAfter = input.retryAfterMs;
  if (retryAfter === null || retryAfter === undefined || !(retryAfter > 0)) return jittered;
  // The receiver may ask for more time, never for less than the schedule gives.
  return Math.max(jittered, Math.round(Math.min(retryAfter, maxRetryAfterMs)));
}

const WEEKDAY = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)';
const LONG_WEEKDAY = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH = `(${MONTHS.join('|')})`;
const TIME = '(\\d{2}):(\\d{2}):(\\d{2})';
/** RFC 9110 §5.6.7: IMF-fixdate, and the obsolete RFC 850 and asctime forms recipients must accept. */
const IMF_FIXDATE = new RegExp(`^${WEEKDAY}, (\\d{2}) ${MONTH} (\\d{4}) ${TIME} GMT$`);
const RFC850_DATE = new RegExp(`^${LONG_WEEKDAY}, (\\d{2})-${MONTH}-(\\d{2}) ${TIME} GMT$`);
const ASCTIME_DATE = new RegExp(`^${WEEKDAY} ${MONTH} ([ \\d]\\d) ${TIME} (\\d{4})$`);

function utc(year: number, month: string, day: number, hour: number, minute: number, second: number): number | null {
  const monthIndex = MONTHS.indexOf(month);
  if (hour > 23 || minute > 59 || second > 60) return null;
  const time = Date.UTC(year, monthIndex, day, hour, minute, Math.min(second, 59));
  // Date.UTC rolls 31 Feb over into March; such a date is invalid, not a different day.
  return new Date(time).getUTCDate() === day ? time : null;
}

function parseHttpDate(value: string, now: Date): number | null {
  let m = IMF_FIXDATE.exec(value);
  if (m) return utc(Number(m[3]), m[2], Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6]));
  m = RFC850_DATE.exec(value);
  if (m) {
    // A two-digit year more than 50 years ahead is in the past century (RFC 9110).
    let year = Math.floor(now.getUTCFullYear() / 100) * 100 + Number(m[3]);
    if (year > now.getUTCFullYear() + 50) year -= 100;
    return utc(year, m[2], Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6]));
  }
  m = ASCTIME_DATE.exec(value);
  if (m) return utc(Number(m[6]), m[1], Number(m[2].trim()), Number(m[3]), Number(m[4]), Number(m[5]));
  return null;
}

/**
 * A Retry-After header in ms from `now`: delta-seconds or an HTTP-date. Null when absent or
 * unreadable; a date in the past (or a negative number) means "now", 0.
 */
export function parseRetryAfter(value: string | null | undefined, now: Date): number | null {
  if (value === null || value === undefined) return null;
  const text = value.trim();
  if (/^-?\d+$/.test(text)) return Math.min(Math.max(0, Number(text) * SECOND), Number.MAX_SAFE_INTEGER);
  const at = parseHttpDate(text, now);
  return at === null ? null : Math.max(0, at - now.getTime());
}
