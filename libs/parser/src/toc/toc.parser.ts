import type { SourceLine, TocEntry } from '../model/gazette.model';
import { squash } from '../normalise/char-normaliser';
import { endsWithKind } from '../classification/document-kind.classifier';
import { formatDocNumber } from '../patterns/doc-number.pattern';

/**
 * The table of contents (目录): section headings and entries of title, doc number and page. An
 * entry may wrap over several lines; it ends at its page number, printed after dot leaders
 * ("……12", ".....55", "···· 122") or in brackets ("(11)").
 */

const TOC_HEADING = /^目录$|^目次$|^本期目录$/;
const PAGE_SUFFIX = /(?:(?:[.…·・]{2,}|[\u2026\u22ef]+|-{3,})\s*(\d{1,4})|[（(](\d{1,4})[)）])$/;
const BRACKET_SECTION = /^[【[［〖]([^】\]］〗]{2,20})[】\]］〗]$/;
/** Masthead lines repeated on a TOC page: short, and shaped as a name, an issue, an address. */
const MASTHEAD =
  /公报$|出版|^主办|^主管|^(?:(?:19|20)\d{2}年?)?第.{1,8}期|^(?:19|20)\d{2}[·・]\d|GAZETTE|刊$|^[A-Za-z\s'.]+$|^(?:地址|电话|邮编|网址|传真|主编|编辑)[:：]/i;
/** A page number wrapped onto a line of its own: ".76", "…… 12". */
const PAGE_LINE = /^[.…·・]+\s*(\d{1,4})$/;
/** pdftotext -layout sets the page off by spaces only: "…的通知      12". */
const SPACED_PAGE = /^(.*\S)\s+(\d{1,4})$/;
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

function isMasthead(s: string): boolean {
  return s.length <= 40 && !s.includes('关于') && MASTHEAD.test(s);
}

/** The page number that closes an entry, and the entry text without it. */
function pageOf(pending: string, line: string, raw: string): { text: string; page: string } | null {
  const joined = pending + line;
  const leader = PAGE_SUFFIX.exec(joined);
  if (leader) return { text: joined.slice(0, leader.index), page: leader[1] ?? leader[2] };
  const wrapped = PAGE_LINE.exec(line);
  if (wrapped && pending) return { text: pending, page: wrapped[1] };
  const spaced = SPACED_PAGE.exec(raw.trim());
  if (spaced) {
    const text = pending + squash(spaced[1]);
    if (endsWithKind(text) || /号[)）]?$/.test(text)) return { text, page: spaced[2] };
  }
  return null;
}

function isBareSection(s: string): boolean {
  return (
    s.length >= 2 &&
    s.length <= 16 &&
    !/\d/.test(s) &&
    !isMasthead(s) &&
    !TOC_HEADING.test(s) &&
    !/关于|[，。；、:：]/.test(s) &&
    !endsWithKind(s)
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
    const page = pageOf(pending, s, l.text);
    if (!page && (bracketSection || (!bracketed && !pending && isBareSection(s)))) {
      section = bracketSection ?? s;
      pending = '';
      continue;
    }
    if (!page && (isTocHeading(s) || (isMasthead(s) && !pending))) {
      pending = '';
      continue;
    }
    if (!pending) pendingLine = l.line;
    if (page) {
      const text = page.text.replace(/[.…·・\s]+$/, '');
      if (text) entries.push(toEntry(text, section, page.page, pendingLine));
      pending = '';
      continue;
    }
    pending += s;
    if (TRAILING_NUMBER.test(pending)) {
      // Some tables of contents print no page numbers: the doc number closes the entry.
      entries.push(toEntry(pending, section, null, pendingLine));
      pending = '';
    } else if (pending.length > MAX_ENTRY_LENGTH) {
      pending = '';
    }
  }
  return { entries, start };
}
