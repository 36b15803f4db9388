import type { SourceLine, TocEntry } from '../model/gazette.model';
import { squash } from '../normalise/char-normaliser';
import { matchDocNumberLine, matchOrderNumberLine } from '../patterns/doc-number.pattern';
import { headingAbove, headingBelow, headingIssuerPart, type Heading } from './heading.detector';
import { isHeadingBarrier, isTerminated } from './line-roles';
import { findSignature } from './signature.detector';
import { endsWithKind } from '../classification/document-kind.classifier';

/**
 * Splits the gazette's lines (page furniture already removed) into documents. Anchors are the
 * 发文字号 lines; documents without one are found through the table of contents or, failing
 * that, through the heading-recipients shape of a 公文. A document runs to the next heading.
 */

export interface DocumentSpan {
  heading: Heading;
  docNumber: string | null;
  /** How the heading was found. */
  anchor: 'doc-number' | 'toc' | 'shape';
  /** Index of the last line of the document. */
  end: number;
}

export interface SegmenterInput {
  lines: SourceLine[];
}

export class LineView {
  readonly raw: string[];
  readonly sq: string[];
  private titleKeys: string[] | null = null;
  constructor(readonly lines: SourceLine[]) {
    this.raw = lines.map((l) => l.text);
    this.sq = this.raw.map(squash);
  }
  /** Lines in the width-insensitive form used to compare titles. */
  get keys(): string[] {
    this.titleKeys ??= this.sq.map(titleKey);
    return this.titleKeys;
  }
  get length(): number {
    return this.lines.length;
  }
}

/** Headings anchored on a doc number line, in line order. */
export function findNumberedHeadings(view: LineView): { heading: Heading; docNumber: string }[] {
  const out: { heading: Heading; docNumber: string }[] = [];
  let floor = 0;
  for (let i = 0; i < view.length; i++) {
    const docNumber = matchDocNumberLine(view.sq[i]) ?? orderNumber(view, i);
    if (!docNumber) continue;
    const above = headingAbove(view.raw, view.sq, i, floor);
    // A title above counts when it is shaped like one (issuer or 关于); else the number may come first.
    const aboveShaped = above?.wellFormed && (above.title.includes('关于') || above.issuers.length > 0);
    const below = aboveShaped ? null : headingBelow(view.sq, i, view.length - 1);
    const heading = below ?? above;
    if (!heading || !plausibleHeading(heading)) continue;
    out.push({ heading, docNumber });
    floor = heading.end + 1;
  }
  return out;
}

/**
 * A heading that is not well formed still counts when an issuer shapes it; otherwise the number
 * line is a citation wrapped onto a line of its own ("为贯彻落实《…》" / "（晋政发〔2022〕10号）").
 */
function plausibleHeading(heading: Heading): boolean {
  return heading.wellFormed || heading.issuers.length > 0 || headingIssuerPart(heading.title) != null;
}

/** "第N号" counts only under a title ending in 令 (政府令) or 公告, where it is the number. */
function orderNumber(view: LineView, i: number): string | null {
  const n = matchOrderNumberLine(view.sq[i]);
  if (!n || i === 0) return null;
  return /(令|公告)$/.test(view.sq[i - 1]) ? n : null;
}

/** Unify what gazettes print in varying widths, for comparing a TOC title with a heading. */
export function titleKey(title: string): string {
  return squash(title)
    .replace(/[（]/g, '(')
    .replace(/[）]/g, ')')
    .replace(/[“”"]/g, '"')
    .replace(/[‘’']/g, "'")
    .replace(/[〔［【[]/g, '[')
    .replace(/[〕］】\]]/g, ']')
    .replace(/[—–－]/g, '-')
    .replace(/[，]/g, ',')
    .replace(/[：]/g, ':');
}

function covered(spans: { start: number; end: number }[], i: number): boolean {
  return spans.some((s) => i >= s.start && i <= s.end);
}

/** A heading printed exactly as a TOC entry's title, for documents that carry no number. */
export function findTocHeadings(
  view: LineView,
  entries: TocEntry[],
  from: number,
  taken: { start: number; end: number }[],
): Heading[] {
  const out: Heading[] = [];
  for (const entry of entries) {
    const key = titleKey(entry.title);
    // Only a 公文's title (ending in its kind) outside an editorial section makes a document:
    // a TOC also lists policy readings, chronicles and news, which carry no number either.
    if (key.length < 6 || !endsWithKind(entry.title)) continue;
    if (entry.section && EDITORIAL_SECTION.test(entry.section)) continue;
    for (let i = from; i < view.length; i++) {
      if (!key.startsWith(view.keys[i]) || covered(taken, i)) continue;
      let acc = '';
      for (let j = i; j < Math.min(view.length, i + 6); j++) {
        acc += view.keys[j];
        if (acc === key) {
          const title = view.sq.slice(i, j + 1).join('');
          const issuer = headingIssuerPart(title);
          out.push({ start: i, end: j, title, issuers: issuer ? [issuer] : [], wellFormed: endsWithKind(title) });
          taken.push({ start: i, end: j });
          i = view.length;
          break;
        }
        if (!key.startsWith(acc)) break;
      }
    }
  }
  return out;
}

const EDITORIAL_SECTION = /解读|图解|动态|信息|简讯|大事记|活动|专题|要闻|文摘|问答/;

const RECIPIENTS_LINE = /^[^。；]{2,150}[:：]$/;

/**
 * Without number or TOC: an issuer-关于-kind title right after a barrier line, followed at once by
 * a recipients line ending in a colon, with a signature before the next heading.
 */
export function findShapedHeadings(view: LineView, from: number, taken: { start: number; end: number }[]): Heading[] {
  const out: Heading[] = [];
  for (let i = from + 1; i < view.length; i++) {
    const s = view.sq[i];
    if (!(s.endsWith('：') || s.endsWith(':')) || !RECIPIENTS_LINE.test(s) || covered(taken, i - 1)) continue;
    const heading = headingAbove(view.raw, view.sq, i, from);
    if (!heading || !heading.wellFormed || !headingIssuerPart(heading.title)) continue;
    if (heading.start > 0 && !isHeadingBarrier(view.sq[heading.start - 1]) && !isTerminated(view.sq[heading.start - 1]))
      continue;
    if (covered(taken, heading.start)) continue;
    const next = taken.filter((t) => t.start > i).reduce((m, t) => Math.min(m, t.start), view.length);
    if (!findSignature(view.raw, view.sq, i + 1, next - 1)) continue;
    const shaped = { ...heading, end: i - 1 };
    out.push(shaped);
    taken.push({ start: shaped.start, end: shaped.end });
  }
  return out;
}

const EDITORIAL =
  /^《[^》]*公报》(?:简介|征订|说明|稿约)|^(?:主办单位|主管单位|编辑出版|编辑部|主编|印刷|发行|编委会|编辑委员会)[:：]?/;

/** Where the last document ends: before the gazette's own editorial pages, if any follow it. */
export function lastDocumentEnd(view: LineView, from: number): number {
  for (let i = from; i < view.length; i++) if (EDITORIAL.test(view.sq[i])) return i - 1;
  return view.length - 1;
}

export function orderSpans(
  view: LineView,
  found: { heading: Heading; docNumber: string | null; anchor: DocumentSpan['anchor'] }[],
): DocumentSpan[] {
  const sorted = [...found].sort((a, b) => a.heading.start - b.heading.start);
  return sorted.map((f, k) => {
    const nextStart = k + 1 < sorted.length ? sorted[k + 1].heading.start : null;
    const end = nextStart != null ? nextStart - 1 : lastDocumentEnd(view, f.heading.end + 1);
    return { heading: f.heading, docNumber: f.docNumber, anchor: f.anchor, end: Math.max(end, f.heading.end) };
  });
}

/**
 * The same doc number can stand alone twice: in a table of contents that prints numbers on their
 * own lines, or where a document quotes its own number. The occurrence followed by a signature
 * before the next anchor is the document; the others are dropped.
 */
export function dropShadowAnchors<T extends { heading: Heading; docNumber: string | null }>(
  view: LineView,
  found: T[],
): T[] {
  const sorted = [...found].sort((a, b) => a.heading.start - b.heading.start);
  const signed = sorted.map((f, k) => {
    const next = k + 1 < sorted.length ? sorted[k + 1].heading.start - 1 : view.length - 1;
    return findSignature(view.raw, view.sq, f.heading.end + 1, next) != null;
  });
  return sorted.filter((f, k) => {
    if (!f.docNumber) return true;
    const twins = sorted.map((g, j) => (g.docNumber === f.docNumber ? j : -1)).filter((j) => j >= 0);
    if (twins.length === 1) return true;
    const keeper = twins.find((j) => signed[j]) ?? twins[twins.length - 1];
    return keeper === k;
  });
}
