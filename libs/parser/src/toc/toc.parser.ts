import type { SourceLine, TocEntry } from '../model/gazette.model';
import { squash } from '../normalise/char-normaliser';
import { formatDocNumber } from '../patterns/doc-number.pattern';

/**
 * The table of contents (目录): section headings and entries of title, doc number and page. An
 * entry may wrap over several lines; it ends at its page number, printed after dot leaders
 * ("……12", ".....55", "···· 122") or in brackets ("(11)").
 */

const TOC_HEADING = /^目录$|^目次$|^本期目录$/;
const PAGE_SUFFIX = /(?:(?:[.…·・]{2,}|[\u2026\u22ef]+|-{3,})\s*(\d{1,4})|[（(](\d{1,4})[)）])$/;
const BRACKET_SECTION = /^[【[［〖]([^】\]］〗]{2,20})[】\]］〗]$/;
const MASTHEAD = /公报|出版|主办|主管|期|GAZETTE|刊$|^[A-Za-z\s'.]+$|[:：]/i;
const TRAILING_NUMBER =
  /[（(]((?:[\u4e00-\u9fa5A-Za-z]{1,16}))[〔[［(（【]((?:19|20)\d{2})[〕\]］)）】]第?(\d{1,5})号[)）]$/;
const MAX_ENTRY_LENGTH = 300;

export interface TocParse {
  entries: TocEntry[];
  /** Index in the lines of the TOC heading, or -1. */
  start: number;
}

export function isTocHeading(text: string): boolean {
  return TOC_HEADING.test(squash(text));
}

/** Section name of a heading line ("【市政府文件】" → "市政府文件"), or null. */
export function matchBracketSection(text: string): string | null {
  const m = BRACKET_SECTION.exec(squash(text));
  return m ? m[1] : null;
}

function isBareSection(s: string): boolean {
  return (
    s.length >= 2 &&
    s.length <= 16 &&
    !/\d/.test(s) &&
    !MASTHEAD.test(s) &&
    !TOC_HEADING.test(s) &&
    !/关于|[，。；、]/.test(s)
  );
}

function toEntry(text: string, section: string | null, page: string | null, line: number): TocEntry {
  let title = text;
  let docNumber: string | null = null;
  const m = TRAILING_NUMBER.exec(title);
  if (m) {
    docNumber = formatDocNumber(m[1], m[2], m[3]);
    title = title.slice(0, m.index);
  }
  return { section, title, doc_number: docNumber, page, line };
}

/**
 * Entries of every TOC block between `from` and `to` (line indices); a gazette may repeat its
 * masthead and 目录 on each page of a long table of contents.
 */
export function parseToc(lines: SourceLine[], from: number, to: number): TocParse {
  let start = -1;
  for (let i = from; i < to; i++) {
    if (isTocHeading(lines[i].text)) {
      start = i;
      break;
    }
  }
  if (start < 0) return { entries: [], start };

  const block = lines.slice(start + 1, to);
  const bracketed = block.some((l) => matchBracketSection(l.text) != null);
  const entries: TocEntry[] = [];
  let section: string | null = null;
  let pending = '';
  let pendingLine = 0;
  for (const l of block) {
    const s = squash(l.text);
    const bracketSection = matchBracketSection(l.text);
    // The page number may have wrapped onto a line of its own (".76"), so test the whole entry.
    const page = PAGE_SUFFIX.exec(pending + s);
    if (!page && (bracketSection || (!bracketed && !pending && isBareSection(s)))) {
      section = bracketSection ?? s;
      pending = '';
      continue;
    }
    if (!page && (isTocHeading(s) || (MASTHEAD.test(s) && !pending))) {
      pending = '';
      continue;
    }
    if (!pending) pendingLine = l.line;
    pending += s;
    if (page) {
      const text = pending.slice(0, pending.length - page[0].length).replace(/[.…·・\s]+$/, '');
      if (text) entries.push(toEntry(text, section, page[1] ?? page[2], pendingLine));
      pending = '';
    } else if (TRAILING_NUMBER.test(pending)) {
      // Some tables of contents print no page numbers: the doc number closes the entry.
      entries.push(toEntry(pending, section, null, pendingLine));
      pending = '';
    } else if (pending.length > MAX_ENTRY_LENGTH) {
      pending = '';
    }
  }
  return { entries, start };
}
