/**
 * Chinese numerals to numbers: positional digit strings ("二〇二三" → 2023), counted numbers
 * ("二十四" → 24, "一百零五" → 105, "三千五百万" → 35000000), financial forms (壹贰叁) and
 * decimals ("三点五" → 3.5). ASCII digits may be mixed in ("1.5万" → 15000).
 */

// prettier-ignore
const DIGITS: Readonly<Record<string, number>> = {
  '〇': 0, '○': 0, '零': 0, 'Ｏ': 0, '0': 0,
  '一': 1, '壹': 1, '1': 1,
  '二': 2, '贰': 2, '貳': 2, '两': 2, '兩': 2, '2': 2,
  '三': 3, '叁': 3, '參': 3, '3': 3,
  '四': 4, '肆': 4, '4': 4,
  '五': 5, '伍': 5, '5': 5,
  '六': 6, '陆': 6, '陸': 6, '6': 6,
  '七': 7, '柒': 7, '7': 7,
  '八': 8, '捌': 8, '8': 8,
  '九': 9, '玖': 9, '9': 9,
};

const SMALL_UNITS: Readonly<Record<string, number>> = {
  十: 10,
  拾: 10,
  百: 100,
  佰: 100,
  千: 1000,
  仟: 1000,
};

const LARGE_UNITS: Readonly<Record<string, number>> = { 万: 1e4, 萬: 1e4, 亿: 1e8, 億: 1e8 };

const DECIMAL_POINTS = new Set(['点', '點', '.']);

/** Every character the converter understands, for building regex classes elsewhere. */
export const CHINESE_NUMERAL_CHARS = '〇○零一壹二贰两三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟万亿';

/** Only the digit characters (no units): year strings such as 二〇二三 are made of these. */
export const CHINESE_DIGIT_CHARS = '〇○零一二三四五六七八九';

function isUnitChar(ch: string): boolean {
  return ch in SMALL_UNITS || ch in LARGE_UNITS;
}

/** Digits read one by one: 二〇二三 → 2023. */
function parsePositional(chars: string[]): number | null {
  let value = 0;
  for (const ch of chars) {
    const digit = DIGITS[ch];
    if (digit === undefined) return null;
    value = value * 10 + digit;
  }
  return value;
}

/** Counted form with 十百千万亿: 二十四, 一百零五, 一亿二千万. */
function parseCounted(chars: string[]): number | null {
  let total = 0;
  let section = 0;
  let number = 0;
  let pendingDigit = false;
  for (const ch of chars) {
    const digit = DIGITS[ch];
    if (digit !== undefined) {
      // Two non-zero digits in a row ("二三十") is not a counted number.
      if (pendingDigit && number !== 0 && digit !== 0) return null;
      number = digit;
      pendingDigit = true;
      continue;
    }
    const small = SMALL_UNITS[ch];
    if (small !== undefined) {
      // A bare 十 at the start of a group means 一十 ("十一" → 11).
      section += (pendingDigit ? number : 1) * small;
      number = 0;
      pendingDigit = false;
      continue;
    }
    const large = LARGE_UNITS[ch];
    if (large !== undefined) {
      if (large === 1e8) {
        total = (total + section + number) * large;
      } else {
        total += (section + number) * large;
      }
      section = 0;
      number = 0;
      pendingDigit = false;
      continue;
    }
    return null;
  }
  return total + section + number;
}

function parseInteger(chars: string[]): number | null {
  if (chars.length === 0) return null;
  return chars.some(isUnitChar) ? parseCounted(chars) : parsePositional(chars);
}

/**
 * The number a Chinese (or mixed) numeral stands for, or null when the text is not a numeral.
 * Whitespace is ignored.
 */
export function parseChineseNumeral(text: string): number | null {
  const chars = Array.from(text.replace(/\s+/g, ''));
  if (chars.length === 0) return null;
  const point = chars.findIndex((ch) => DECIMAL_POINTS.has(ch));
  if (point < 0) return parseInteger(chars);

  // "1.5万" / "一点五亿": the fraction applies before a trailing large unit.
  let tail = chars.slice(point + 1);
  let exponent = 0;
  const last = tail[tail.length - 1];
  if (last !== undefined && LARGE_UNITS[last] !== undefined) {
    exponent = Math.round(Math.log10(LARGE_UNITS[last]));
    tail = tail.slice(0, -1);
  }
  const intPart = point === 0 ? 0 : parseInteger(chars.slice(0, point));
  if (intPart === null || tail.length === 0) return null;
  let fraction = '';
  for (const ch of tail) {
    const digit = DIGITS[ch];
    if (digit === undefined) return null;
    fraction += String(digit);
  }
  // Scaling through the exponent keeps 1.05亿 exact (1.05 * 1e8 is not).
  return Number(`${intPart}.${fraction}e${exponent}`);
}
