import type { Entity } from '../model/gazette.model';
import { squash } from './char-class';

/**
 * Titles in book-title marks 《…》: laws, regulations and the documents a text cites. Inner titles
 * are printed as 〈…〉, <…> or a second 《…》 ("《关于印发〈…办法〉的通知》"), so the scan counts
 * depth instead of stopping at the first 》.
 */

/** Longest title accepted; an unclosed 《 must not swallow the rest of the document. */
const MAX_TITLE = 200;
/** Newspapers and periodicals are printed in 《》 too but are not documents. */
const PERIODICAL_RE = /(?:日报|晚报|公报|周报|简报|周刊|月刊|杂志|报)$/;

export function findLawTitles(text: string): Entity[] {
  const out: Entity[] = [];
  let from = 0;
  for (;;) {
    const open = text.indexOf('《', from);
    if (open < 0) break;
    // no 》 within reach: skip every 《 that cannot close, keeping the scan linear
    const nextClose = text.indexOf('》', open);
    if (nextClose < 0) break;
    if (nextClose - open >= MAX_TITLE) {
      from = nextClose - MAX_TITLE + 1;
      continue;
    }
    let depth = 0;
    let close = -1;
    const limit = Math.min(text.length, open + MAX_TITLE);
    for (let i = open; i < limit; i++) {
      const ch = text[i];
      if (ch === '《') depth++;
      else if (ch === '》') {
        depth--;
        if (depth === 0) {
          close = i;
          break;
        }
      }
    }
    if (close < 0) {
      from = open + 1;
      continue;
    }
    const title = squash(text.slice(open + 1, close));
    if (title.length > 0 && !PERIODICAL_RE.test(title)) {
      out.push({
        type: 'law',
        text: text.slice(open, close + 1),
        start: open,
        end: close + 1,
        value: title,
        doc_number: null,
      });
    }
    from = close + 1;
  }
  return out;
}

const BRACKETED_NUMBER_GAP_RE = /^\s{0,3}[（(]\s{0,3}$/;

/**
 * Sets `doc_number` on each title followed by its number in brackets:
 * "《…的通知》（晋政发〔2022〕11号）". `numbers` must be sorted by start.
 */
export function attachDocNumbers(text: string, laws: Entity[], numbers: readonly Entity[]): void {
  let j = 0;
  for (const law of laws) {
    while (j < numbers.length && numbers[j].start < law.end) j++;
    const next = numbers[j];
    if (!next || next.start - law.end > 8) continue;
    if (BRACKETED_NUMBER_GAP_RE.test(text.slice(law.end, next.start))) {
      law.doc_number = typeof next.value === 'string' ? next.value : null;
    }
  }
}
