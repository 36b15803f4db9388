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
const FULL_WIDTH_ONE = /[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/;
const ODD_CHARACTER = /[\u200b-\u200d\u2060\ufeff\u00ad\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/;
const MULTI_SPACE = / {2,}/g;
/**
 * Spaces between a digit and CJK (either order), after an opening bracket and before closing or
 * clause punctuation are layout. A space after a closing bracket or before an opening one is kept:
 * it may separate two names ("吕梁市财政局（国资委） 吕梁市人民政府").
 */
const OPENING = '（《“‘〔【［｛「『〖﹝';
const CLOSING = '）》”’〕】］｝」』〗﹞，。、；：！？';
const CJK_OR_CLOSING = new RegExp(`[${CJK}${CLOSING}]`);
const CJK_OR_OPENING = new RegExp(`[${CJK}${OPENING}]`);
const DIGIT = /[0-9]/;
const SPACES = / +/g;

/** Drops the layout spaces; the neighbours are looked at directly, which is cheaper than lookarounds. */
function removeLayoutSpaces(text: string): string {
  return text.replace(SPACES, (run, at: number) => {
    const before = text[at - 1] ?? '';
    const after = text[at + run.length] ?? '';
    const layout =
      (DIGIT.test(before) && CJK_OR_CLOSING.test(after)) ||
      (CJK_OR_OPENING.test(before) && DIGIT.test(after)) ||
      OPENING.includes(before) ||
      CLOSING.includes(after);
    return layout && before && after ? '' : run;
  });
}
/** Runs of three or more spaces separate fields (padded names in a list): never joined across. */
const FIELD_GAP = / {3,}/;
/** A spaced-out character, with any punctuation printed against it ("（此", "布）"). */
const SINGLE_CJK = new RegExp(`^[${CJK_PUNCT}]*[${CJK}]?[${CJK_PUNCT}]*$`);
/** Two short tokens side by side: the only place letter spacing can be. */
const SHORT_TOKEN_PAIR = /(?:^| )[^ ]{1,4} +[^ ]{1,4}(?: |$)/;
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
  if (!SHORT_TOKEN_PAIR.test(text)) return text;
  const tokens = text.split(/ +/);
  let out = tokens[0];
  for (let i = 1; i < tokens.length; i++) {
    const joined =
      SINGLE_CJK.test(tokens[i - 1]) && SINGLE_CJK.test(tokens[i]) && tokens[i] !== '' && tokens[i - 1] !== '';
    out += (joined ? '' : ' ') + tokens[i];
  }
  return out;
}

/** Anything the normaliser would change; a line without any is returned as it is. */
const NEEDS_WORK =
  /[\s\u00a0\u00ad\u1680\u2000-\u200d\u202f\u205f\u2060\u3000\ufeff\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/;

export function normaliseLineText(raw: string): string {
  if (!NEEDS_WORK.test(raw)) return raw;
  // Each step runs only when its characters are there: this is done for every line of a gazette.
  let text = raw;
  if (ODD_CHARACTER.test(text)) text = text.replace(ZERO_WIDTH, '').replace(ODD_SPACE, ' ');
  if (FULL_WIDTH_ONE.test(text)) text = toHalfWidthAlnum(text);
  text = text.trim();
  if (!text.includes(' ')) return text;
  if (!FIELD_GAP.test(text)) return collapseSpaces(removeLayoutSpaces(joinLetterSpacing(text)));
  return collapseSpaces(
    text
      .split(FIELD_GAP)
      .map((field) => removeLayoutSpaces(joinLetterSpacing(field)))
      .join(' '),
  );
}

function collapseSpaces(text: string): string {
  return text.includes('  ') ? text.replace(MULTI_SPACE, ' ') : text;
}

/** Every space and line break removed: the form titles, numbers and names are compared in. */
export function squash(text: string): string {
  // Most normalised lines hold no space at all; testing is cheaper than replacing.
  return HAS_WHITESPACE.test(text) ? text.replace(WHITESPACE, '') : text;
}
