/**
 * Character-level normalisation of one line: what PDF-to-text tools and web pages leave behind
 * (full-width digits, odd spaces, letter-spaced headings) turned into the form the later stages
 * match against. Punctuation widths are kept: titles are reported with the brackets as printed.
 */

const CJK = '\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff';
/** CJK punctuation and full-width forms that never take a space beside them in Chinese text. */
const CJK_PUNCT =
  '\\u3000-\\u303f\\uff01-\\uff0f\\uff1a-\\uff20\\uff3b-\\uff40\\uff5b-\\uff65\\u2018-\\u201f\\u2026\\u2014';

export const CJK_CHAR = new RegExp(`[${CJK}]`);
const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;
const ODD_SPACE = /[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+/g;
const FULL_WIDTH_ALNUM = /[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/g;
const MULTI_SPACE = / {2,}/g;
/** A space between a digit and CJK (either order) or beside CJK punctuation is layout, not text. */
/**
 * Spaces between a digit and CJK (either order), after an opening bracket and before closing or
 * clause punctuation are layout. A space after a closing bracket or before an opening one is kept:
 * it may separate two names ("吕梁市财政局（国资委） 吕梁市人民政府").
 */
const OPENING = '（《“‘〔【［｛「『〖﹝';
const CLOSING = '）》”’〕】］｝」』〗﹞，。、；：！？';
const LAYOUT_SPACE = new RegExp(
  `(?<=[0-9]) +(?=[${CJK}${CLOSING}])|(?<=[${CJK}${OPENING}]) +(?=[0-9])|(?<=[${OPENING}]) +| +(?=[${CLOSING}])`,
  'g',
);
/** Runs of three or more spaces separate fields (padded names in a list): never joined across. */
const FIELD_GAP = / {3,}/;
/** A spaced-out character, with any punctuation printed against it ("（此", "布）"). */
const SINGLE_CJK = new RegExp(`^[${CJK_PUNCT}]*[${CJK}]?[${CJK_PUNCT}]*$`);
const WHITESPACE = /\s+/g;
const HAS_WHITESPACE = /\s/;

/** Full-width digits and Latin letters are data (numbers, codes), so they become half-width. */
export function toHalfWidthAlnum(text: string): string {
  return text.replace(FULL_WIDTH_ALNUM, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/**
 * Letter-spaced words ("通 知", "咨 询 与 解 读", a two-character name padded "张 勇") are runs of
 * single CJK characters separated by spaces; a space between two longer words is kept because it
 * separates fields (joint issuers, a name and a post).
 */
export function joinLetterSpacing(text: string): string {
  if (!text.includes(' ')) return text;
  const tokens = text.split(/ +/);
  let out = tokens[0];
  for (let i = 1; i < tokens.length; i++) {
    const joined = SINGLE_CJK.test(tokens[i - 1]) && SINGLE_CJK.test(tokens[i]) && tokens[i] !== '' && tokens[i - 1] !== '';
    out += (joined ? '' : ' ') + tokens[i];
  }
  return out;
}

/** Anything the normaliser would change; a line without any is returned as it is. */
const NEEDS_WORK = /[\s\u00a0\u00ad\u1680\u2000-\u200d\u202f\u205f\u2060\u3000\ufeff\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/;

export function normaliseLineText(raw: string): string {
  if (!NEEDS_WORK.test(raw)) return raw;
  const text = toHalfWidthAlnum(raw.replace(ZERO_WIDTH, '').replace(ODD_SPACE, ' ')).trim();
  if (!text.includes(' ')) return text;
  return text
    .split(FIELD_GAP)
    .map((field) => joinLetterSpacing(field).replace(LAYOUT_SPACE, ''))
    .join(' ')
    .replace(MULTI_SPACE, ' ');
}

/** Every space and line break removed: the form titles, numbers and names are compared in. */
export function squash(text: string): string {
  // Most normalised lines hold no space at all; testing is cheaper than replacing.
  return HAS_WHITESPACE.test(text) ? text.replace(WHITESPACE, '') : text;
}
