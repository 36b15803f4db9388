/**
 * Splits joined personnel text at punctuation outside brackets and quotes, so that "（市、区）" or
 * "（试用期一年，自…起）" never cut an entry in two.
 */

const OPENERS = '（(【[〔《“‘';
const CLOSERS = '）)】]〕》”’';
/** A stray opener must not swallow the rest of a notice: a longer "bracket" is taken as unbalanced. */
const MAX_BRACKET_LENGTH = 60;
/** Separators that also occur inside numbers ("1,000", "10:30"). */
const NUMERIC_SEPARATORS = ',:：，.';

export const CLAUSE_SEPARATORS = '。；;：:！？!?';
export const PART_SEPARATORS = '，,';

export interface TextPiece {
  text: string;
  /** The separator that ended the piece, '' at the end of the text. */
  separator: string;
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

/** The non-empty pieces between top-level separators, in order. */
export function splitTopLevel(text: string, separators: string): TextPiece[] {
  const pieces: TextPiece[] = [];
  let depth = 0;
  let openedAt = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (OPENERS.includes(c)) {
      if (depth === 0) openedAt = i;
      depth++;
    } else if (CLOSERS.includes(c)) {
      if (depth > 0) depth--;
    } else if (separators.includes(c)) {
      if (depth > 0 && i - openedAt <= MAX_BRACKET_LENGTH) continue;
      depth = 0;
      if (NUMERIC_SEPARATORS.includes(c) && isDigit(text[i - 1]) && isDigit(text[i + 1])) continue;
      if (i > start) pieces.push({ text: text.slice(start, i), separator: c });
      start = i + 1;
    }
  }
  if (start < text.length) pieces.push({ text: text.slice(start), separator: '' });
  return pieces;
}

/** The bracket groups at the top level of a text, with their offsets (end exclusive). */
export function topLevelBrackets(text: string): { start: number; end: number; content: string }[] {
  const groups: { start: number; end: number; content: string }[] = [];
  let depth = 0;
  let openedAt = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '（' || c === '(') {
      if (depth === 0) openedAt = i;
      depth++;
    } else if ((c === '）' || c === ')') && depth > 0) {
      depth--;
      if (depth === 0) groups.push({ start: openedAt, end: i + 1, content: text.slice(openedAt + 1, i) });
    }
  }
  return groups;
}
