import type { Entity } from '../model/gazette.model';
import { parseChineseNumeral } from './chinese-numeral';
import { keepNonOverlapping, longerFirst } from './overlap.resolver';

/**
 * Dates in the forms gazettes print: "2023年4月18日" (spaces and a line break may sit between the
 * parts), "二〇二三年四月十八日", "2023.4.18", "2023-04-18", "2023/4/18", a month "2023年4月", a
 * month range in tables "2023.4-2023.12", and a month-day "11月24日" that takes the document's year.
 */

/** Layout gap tolerated between tokens: a few spaces or a line break, never a whole clause. */
const GAP = '\\s{0,3}';
const CN_YEAR_DIGIT = '〇○零一二三四五六七八九Ｏ';
const CN_SMALL = '一二三四五六七八九十';

/** The digits must not continue a code, a decimal or a longer number on the left. */
const NOT_AFTER_NUMBER = '(?<![0-9A-Za-z.．/\\-－_])';

const NUMERIC_DATE_RE = new RegExp(
  `${NOT_AFTER_NUMBER}((?:19|20)\\d{2})${GAP}年${GAP}(\\d{1,2})${GAP}月(?:${GAP}(\\d{1,2})${GAP}日)?`,
  'g',
);
const CHINESE_DATE_RE = new RegExp(
  `(?<![${CN_YEAR_DIGIT}])([${CN_YEAR_DIGIT}]{4})${GAP}年${GAP}([${CN_SMALL}]{1,3})${GAP}月(?:${GAP}([${CN_SMALL}廿卅]{1,3})${GAP}日)?`,
  'g',
);
/** Same separator twice, and nothing numeric after it, so "2023.4.18" but not "1.2.3.4" or a version. */
const SEPARATED_DATE_RE = new RegExp(
  `${NOT_AFTER_NUMBER}((?:19|20)\\d{2})([.．/\\-－])(\\d{1,2})\\2(\\d{1,2})(?![0-9A-Za-z%％]|[.．]\\d)`,
  'g',
);
const MONTH_RANGE_RE = new RegExp(
  `${NOT_AFTER_NUMBER}((?:19|20)\\d{2})[.．](\\d{1,2})\\s{0,2}[-－—–~～至]\\s{0,2}((?:19|20)\\d{2})[.．](\\d{1,2})(?![0-9.．])`,
  'g',
);
/** A hyphen before it is a range ("10月9日-10月11日"), unless a number precedes the hyphen. */
const MONTH_DAY_RE = new RegExp(
  `(?<![0-9A-Za-z.．/年])(?<![0-9][-－/])(\\d{1,2})${GAP}月${GAP}(\\d{1,2})${GAP}日`,
  'g',
);
const CHINESE_MONTH_DAY_RE = new RegExp(
  `(?<![〇○零一二三四五六七八九十年第])([${CN_SMALL}]{1,2})${GAP}月${GAP}([${CN_SMALL}廿卅]{1,3})${GAP}日`,
  'g',
);

/**
 * Patterns that open with a character class are slow to scan for; these are tried only just
 * before each 年 or 月, which every match contains (four digits and up to three spaces before 年).
 */
const sticky = (re: RegExp): RegExp => new RegExp(re.source, 'y');
const NUMERIC_DATE_STICKY = sticky(NUMERIC_DATE_RE);
const CHINESE_DATE_STICKY = sticky(CHINESE_DATE_RE);
const MONTH_DAY_STICKY = sticky(MONTH_DAY_RE);
const CHINESE_MONTH_DAY_STICKY = sticky(CHINESE_MONTH_DAY_RE);
const YEAR_LOOKBACK = 4 + 3;
const MONTH_LOOKBACK = 2 + 3;

const ARABIC_DIGIT = /[0-9]/;
const CHINESE_DIGIT = /[〇○零一二三四五六七八九十Ｏ]/;

/** The last character before `at` that is not a space or tab. */
function charBefore(text: string, at: number): string {
  let i = at - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t' || text[i] === '\u3000')) i--;
  return i >= 0 ? text[i] : '';
}

/**
 * Matches of a sticky pattern that contain `anchor`, leftmost first and without overlaps; an
 * anchor whose preceding character cannot end the number before it is skipped at once.
 */
function collectAround(
  re: RegExp,
  text: string,
  anchor: string,
  lookback: number,
  numberEnd: RegExp,
  build: (m: RegExpExecArray) => Entity | Entity[] | null,
): Entity[] {
  const out: Entity[] = [];
  let from = 0;
  for (let at = text.indexOf(anchor); at >= 0; at = text.indexOf(anchor, at + 1)) {
    if (!numberEnd.test(charBefore(text, at))) continue;
    for (let start = Math.max(from, at - lookback); start < at; start++) {
      re.lastIndex = start;
      const m = re.exec(text);
      if (!m) continue;
      const built = build(m);
      if (Array.isArray(built)) out.push(...built);
      else if (built) out.push(built);
      from = re.lastIndex;
      break;
    }
  }
  return out;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function isValidDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  const max = month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1];
  return day <= max;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

export function isoDate(year: number, month: number, day: number): string {
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

export function isoMonth(year: number, month: number): string {
  return `${year}-${pad2(month)}`;
}

/** 廿/卅 are day numerals in older prints (廿四 = 24). */
function parseDayNumeral(text: string): number | null {
  if (text.startsWith('廿')) return 20 + (text.length > 1 ? (parseChineseNumeral(text.slice(1)) ?? NaN) : 0);
  if (text.startsWith('卅')) return 30 + (text.length > 1 ? (parseChineseNumeral(text.slice(1)) ?? NaN) : 0);
  return parseChineseNumeral(text);
}

function dateEntity(
  match: RegExpExecArray,
  year: number | null,
  month: number | null,
  day: number | null,
): Entity | null {
  if (month === null || month < 1 || month > 12) return null;
  let value: string | null;
  if (day === null) {
    if (year === null) return null;
    value = isoMonth(year, month);
  } else if (year === null) {
    // A month-day with no known year is still a date; its value cannot be resolved.
    if (!isValidDate(2000, month, day)) return null;
    value = null;
  } else {
    if (!isValidDate(year, month, day)) return null;
    value = isoDate(year, month, day);
  }
  return { type: 'date', text: match[0], start: match.index, end: match.index + match[0].length, value };
}

function collect(re: RegExp, text: string, build: (m: RegExpExecArray) => Entity | Entity[] | null): Entity[] {
  const out: Entity[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const built = build(m);
    if (Array.isArray(built)) out.push(...built);
    else if (built) out.push(built);
  }
  return out;
}

function optionalInt(text: string | undefined): number | null {
  return text === undefined ? null : Number(text);
}

function toEntity(text: string, start: number, value: string): Entity {
  return { type: 'date', text, start, end: start + text.length, value };
}

/**
 * Every date in the text, sorted by start, without overlaps (a full date wins over the month-day
 * inside it). `year` resolves month-days ("11月24日"); without it their value is null.
 */
export function findDates(text: string, year: number | null): Entity[] {
  const candidates: Entity[] = [
    ...collectAround(NUMERIC_DATE_STICKY, text, '年', YEAR_LOOKBACK, ARABIC_DIGIT, (m) =>
      dateEntity(m, Number(m[1]), Number(m[2]), optionalInt(m[3])),
    ),
    ...collectAround(CHINESE_DATE_STICKY, text, '年', YEAR_LOOKBACK, CHINESE_DIGIT, (m) =>
      dateEntity(m, parseChineseNumeral(m[1]), parseChineseNumeral(m[2]), m[3] ? parseDayNumeral(m[3]) : null),
    ),
    ...collect(SEPARATED_DATE_RE, text, (m) => dateEntity(m, Number(m[1]), Number(m[3]), Number(m[4]))),
    ...collect(MONTH_RANGE_RE, text, (m) => {
      const [from, to] = [Number(m[2]), Number(m[4])];
      if (from < 1 || from > 12 || to < 1 || to > 12) return null;
      const second = m[0].lastIndexOf(m[3]);
      const firstText = m[0].slice(0, m[0].indexOf(m[2], m[1].length) + m[2].length);
      return [
        toEntity(firstText, m.index, isoMonth(Number(m[1]), from)),
        toEntity(m[0].slice(second), m.index + second, isoMonth(Number(m[3]), to)),
      ];
    }),
    ...collectAround(MONTH_DAY_STICKY, text, '月', MONTH_LOOKBACK, ARABIC_DIGIT, (m) =>
      dateEntity(m, year, Number(m[1]), Number(m[2])),
    ),
    ...collectAround(CHINESE_MONTH_DAY_STICKY, text, '月', MONTH_LOOKBACK, CHINESE_DIGIT, (m) =>
      dateEntity(m, year, parseChineseNumeral(m[1]), parseDayNumeral(m[2])),
    ),
  ];
  return keepNonOverlapping(candidates, longerFirst);
}
