import type { Entity } from '../model/gazette.model';
import { isAsciiAlnumCode, isHanCode, isSpaceCode, squash } from './char-class';
import { parseChineseNumeral } from './chinese-numeral';

/**
 * 发文字号: an issuer code, a year in brackets and a serial ("吕政发〔2023〕4 号"), and the
 * "XX令第N号" form of government decrees. The year bracket is printed in many ways ([2023],
 * (2023), （2023）, ［2023］, 〔2023〕) and a line break may fall anywhere inside the number.
 *
 * The serial part is matched by a regex; the issuer code is found by scanning back from the
 * bracket, because its start is only known from what precedes it (an opening bracket, or a word
 * such as 根据/以 in running text).
 */

const YEAR_SERIAL_RE = /[〔[［【（(]\s{0,2}((?:19|20)\d{2})\s{0,2}[〕\]］】）)]\s{0,3}(?:第\s{0,2})?\d{1,5}\s{0,3}号/g;
const DECREE_RE = /令\s{0,3}[（(]?\s{0,2}第\s{0,2}([0-9]{1,5}|[〇零一二三四五六七八九十百千]{1,8})\s{0,2}号/g;
const YEAR_BRACKET_RE = /[〔[［【（(]\s*((?:19|20)\d{2})\s*[〕\]］】）)]/;

/** An issuer code is short: a few characters of the issuer plus 发/函/字/办… */
const MAX_PREFIX = 16;
/** Outside brackets a longer run is more likely prose than an issuer code. */
const MAX_BARE_PREFIX = 12;
const OPENERS = new Set(['（', '(', '【', '[', '［', '《', '“', '"']);

/**
 * Words that end running text before an issuer code in prose ("县政府以中政字〔2009〕20号",
 * "根据晋政发〔2022〕11号"). The last one found is cut off together with what precedes it.
 */
const PROSE_BEFORE_CODE_RE =
  /根据|依据|按照|参照|对照|执行|落实|贯彻|印发|转发|关于|文件|精神|要求|通知|以|据|按|和|及|与|或|的|了|将|经|在|对|由|是|为|即|见|并|从|向|于|日|号|附|原/g;

/** 〔〕 for the year bracket and no layout spaces: the form numbers are compared and reported in. */
export function normaliseDocNumber(raw: string): string {
  return squash(raw).replace(YEAR_BRACKET_RE, '〔$1〕');
}

function isCodeChar(code: number): boolean {
  return isHanCode(code) || isAsciiAlnumCode(code) || code === 0x2d; // '-' in codes such as "XX-发"
}

/**
 * Start of the issuer code that ends just before `end`, or -1 when there is none. Whitespace
 * inside the code (a line break) is crossed only when an opening bracket closes the code on the
 * left, where nothing but the code can stand.
 */
export function issuerCodeStart(text: string, end: number): number {
  let i = end;
  // a layout gap between the code and the bracket
  let gap = 0;
  while (i > 0 && isSpaceCode(text.charCodeAt(i - 1)) && gap < 3) {
    i--;
    gap++;
  }
  const contiguousEnd = i;
  while (i > 0 && end - i <= MAX_PREFIX && isCodeChar(text.charCodeAt(i - 1))) i--;
  const contiguousStart = i;
  if (contiguousStart === contiguousEnd) return -1;

  // Try to reach an opening bracket across line breaks: "（吕能科创\n发〔2022〕3 号）".
  let j = contiguousStart;
  let chars = contiguousEnd - contiguousStart;
  while (j > 0 && chars <= MAX_PREFIX) {
    const code = text.charCodeAt(j - 1);
    if (isCodeChar(code)) {
      chars++;
      j--;
    } else if (isSpaceCode(code)) {
      j--;
    } else break;
  }
  if (j > 0 && j < contiguousStart && chars <= MAX_PREFIX && OPENERS.has(text[j - 1])) {
    while (j < contiguousStart && isSpaceCode(text.charCodeAt(j))) j++;
    return j;
  }
  if (j > 0 && OPENERS.has(text[j - 1]) && j === contiguousStart) return contiguousStart;

  const atBoundary = contiguousStart === 0 || !isCodeChar(text.charCodeAt(contiguousStart - 1));
  const prefix = text.slice(contiguousStart, contiguousEnd);
  // Running text: keep what follows the last prose word.
  let cut = 0;
  PROSE_BEFORE_CODE_RE.lastIndex = 0;
  for (let m = PROSE_BEFORE_CODE_RE.exec(prefix); m !== null; m = PROSE_BEFORE_CODE_RE.exec(prefix)) {
    cut = m.index + m[0].length;
  }
  const start = contiguousStart + cut;
  if (start >= contiguousEnd) return -1;
  // Without a boundary or a prose word the left edge is unknown: a long run is prose, not a code.
  if (cut === 0 && !atBoundary) return -1;
  if (contiguousEnd - start > MAX_BARE_PREFIX) return -1;
  return start;
}

/** Doc numbers in the text ("…〔YYYY〕N号" and "…令第N号"), typed as cited; the caller marks its own. */
export function findDocNumbers(text: string): Entity[] {
  const out: Entity[] = [];
  YEAR_SERIAL_RE.lastIndex = 0;
  for (let m = YEAR_SERIAL_RE.exec(text); m !== null; m = YEAR_SERIAL_RE.exec(text)) {
    const start = issuerCodeStart(text, m.index);
    if (start < 0) continue;
    const end = m.index + m[0].length;
    const raw = text.slice(start, end);
    out.push({ type: 'cited_doc_number', text: raw, start, end, value: normaliseDocNumber(raw) });
  }
  DECREE_RE.lastIndex = 0;
  for (let m = DECREE_RE.exec(text); m !== null; m = DECREE_RE.exec(text)) {
    const serial = /^\d+$/.test(m[1]) ? Number(m[1]) : parseChineseNumeral(m[1]);
    if (serial === null) continue;
    // a decree number is only one with its issuer: "建设部令第 112 号", "吕梁市人民政府令第5号"
    const start = issuerCodeStart(text, m.index);
    if (start < 0 || start === m.index) continue;
    const end = m.index + m[0].length;
    const raw = text.slice(start, end);
    const value = `${squash(text.slice(start, m.index))}令第${serial}号`;
    out.push({ type: 'cited_doc_number', text: raw, start, end, value });
  }
  return out.sort((a, b) => a.start - b.start);
}
