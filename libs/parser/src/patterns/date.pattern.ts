import { parseChineseNumeral } from '../entities/chinese-numeral';

/** Dates as 公文 print them under a signature or in a masthead, to ISO form. */

const NUM = '[0-9]{1,4}|[〇零○Ｏ一二三四五六七八九十两]{1,5}';
const FULL_DATE = new RegExp(`(${NUM})年(${NUM})月(${NUM})日`);
const DATE_LINE = new RegExp(`^(${NUM})年(${NUM})月(${NUM})日$`);

function toNumber(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  return parseChineseNumeral(text);
}

export function isoDate(year: number, month: number, day: number): string | null {
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1 || day > 31) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function toIso(m: RegExpExecArray): string | null {
  const [y, mo, d] = [toNumber(m[1]), toNumber(m[2]), toNumber(m[3])];
  return y == null || mo == null || d == null ? null : isoDate(y, mo, d);
}

/** The ISO date if the squashed line is a full date and nothing else (a signature date). */
export function matchDateLine(squashed: string): string | null {
  const m = DATE_LINE.exec(squashed);
  return m ? toIso(m) : null;
}

/** The first full date in a squashed text. */
export function findDate(squashed: string): { iso: string; index: number; length: number } | null {
  const m = FULL_DATE.exec(squashed);
  if (!m) return null;
  const iso = toIso(m);
  return iso ? { iso, index: m.index, length: m[0].length } : null;
}
