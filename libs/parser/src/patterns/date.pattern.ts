import { parseChineseNumeral } from '../entities/chinese-numeral';
import { isoDate as formatIsoDate, isValidDate } from '../entities/date.pattern';

/** Dates as 公文 print them under a signature or in a masthead, to ISO form. */

/** Chinese-numeral years may be typed with a letter O or a full-width Ｏ for 〇. */
const NUM = '[0-9]{1,4}|[〇零○OoＯ一二三四五六七八九十两]{1,5}';
const FULL_DATE = new RegExp(`(${NUM})年(${NUM})月(${NUM})日`, 'g');
const DATE_LINE = new RegExp(`^(${NUM})年(${NUM})月(${NUM})日$`);

function toNumber(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  return parseChineseNumeral(text.replace(/[OoＯ]/g, '〇'));
}

/** ISO form of a real calendar date in a plausible range, else null. */
export function isoDate(year: number, month: number, day: number): string | null {
  if (year < 1900 || year > 2200 || !isValidDate(year, month, day)) return null;
  return formatIsoDate(year, month, day);
}

function toIso(m: RegExpExecArray | RegExpMatchArray): string | null {
  const [y, mo, d] = [toNumber(m[1]), toNumber(m[2]), toNumber(m[3])];
  return y == null || mo == null || d == null ? null : isoDate(y, mo, d);
}

/** The ISO date if the squashed line is a full date and nothing else (a signature date). */
export function matchDateLine(squashed: string): string | null {
  const m = DATE_LINE.exec(squashed);
  return m ? toIso(m) : null;
}

/** The first real full date in a squashed text. */
export function findDate(squashed: string): { iso: string; index: number; length: number } | null {
  for (const m of squashed.matchAll(FULL_DATE)) {
    const iso = toIso(m);
    if (iso) return { iso, index: m.index ?? 0, length: m[0].length };
  }
  return null;
}
