import { extractAppointments } from './appointments';
import { decodeGazette } from './decode';
import { extractEntities, extractRegulationTerms } from './entities';
import { extractGazetteMetadata, findGazetteName, type GazetteName } from './metadata/gazette-metadata.extractor';
import type { EntityContext } from './entities';
import type {
  GazetteAppointment,
  GazetteMetadata,
  GazetteParse,
  ParsedDocument,
  TocCheck,
  TocEntry,
} from './model/gazette.model';
import { GazetteInputError } from './model/gazette-input.error';
import { normaliseGazette, removeFurniture } from './normalise/gazette-normaliser';
import { buildDocument, type DocumentDraft } from './segmentation/document.builder';
import {
  dropShadowAnchors,
  findNumberedHeadings,
  findShapedHeadings,
  findTocHeadings,
  LineView,
  orderSpans,
  titleKey,
  type DocumentSpan,
} from './segmentation/document.segmenter';
import { matchBracketSection, parseToc } from './toc/toc.parser';

export interface ParseOptions {
  /** A name for messages (the file name). */
  source?: string;
  /**
   * Extract each document's entities and regulation terms (default true). A stage that leaves
   * them to a later one (the segmentation service) skips the cost; documents then carry none.
   */
  entities?: boolean;
}

/**
 * Bytes or text of one gazette issue in; its metadata, table of contents, documents with their
 * entities, and the appointments of its personnel notices out. Pure: no I/O, no clock.
 */
export function parseGazette(input: Uint8Array | string, options: ParseOptions = {}): GazetteParse {
  let text: string;
  let encoding: string | null = null;
  if (typeof input === 'string') {
    text = input;
  } else {
    const decoded = decodeGazette(input);
    text = decoded.text;
    encoding = decoded.encoding;
  }
  if (!text.trim()) throw new GazetteInputError('empty', `${options.source ?? 'input'}: the gazette is empty`);
  return parseText(text, encoding, options.entities ?? true);
}

function parseText(text: string, encoding: string | null, withEntities: boolean): GazetteParse {
  const warnings: string[] = [];
  const normalised = normaliseGazette(text);
  const gazetteName = findGazetteName(normalised.lines);
  const view = new LineView(removeFurniture(normalised.lines, { gazetteName: gazetteName?.name ?? null }));

  const found: { heading: DocumentSpan['heading']; docNumber: string | null; anchor: DocumentSpan['anchor'] }[] =
    dropShadowAnchors(view, findNumberedHeadings(view)).map((h) => ({ ...h, anchor: 'doc-number' as const }));
  const firstStart = found.length ? Math.min(...found.map((f) => f.heading.start)) : view.length;
  const toc = parseToc(view.lines, 0, firstStart);
  const bodyFrom = toc.start >= 0 ? firstStart : 0;

  // Documents without a number: by their TOC title, else by the shape of a 公文 heading.
  const taken = found.map((f) => ({ start: f.heading.start, end: f.heading.end }));
  const numbered = new Set(found.map((f) => f.docNumber));
  const titles = new Set(found.map((f) => titleKey(f.heading.title)));
  const unmatchedToc = toc.entries.filter(
    (e) => !(e.doc_number && numbered.has(e.doc_number)) && !titles.has(titleKey(e.title)),
  );
  const tocFrom = toc.start >= 0 ? toc.start + 1 : 0;
  const afterToc = Math.max(tocFrom, lastTocLine(view, toc.entries));
  for (const heading of findTocHeadings(view, unmatchedToc, afterToc, taken)) {
    found.push({ heading, docNumber: null, anchor: 'toc' });
  }
  for (const heading of findShapedHeadings(view, afterToc, taken)) {
    found.push({ heading, docNumber: null, anchor: 'shape' });
  }

  const spans = orderSpans(view, found);
  const sections = assignSections(view, spans, toc.entries, bodyFrom);
  const drafts = spans.map((span, k) => buildDocument(view, span, { section: sections[k] }));

  const frontMatterEnd = frontMatterIndex(
    normalised.lines,
    spans.length ? view.lines[spans[0].heading.start].line : null,
  );
  const gazette = extractGazetteMetadata({
    lines: normalised.lines,
    frontMatterEnd,
    gazetteName: gazetteName ?? nameFromDocuments(drafts),
    documentYears: drafts.flatMap((d) => (d.signed_on ? [Number(d.signed_on.slice(0, 4))] : [])),
  });

  const tocCheck = checkToc(toc.entries, drafts);
  if (toc.entries.length && tocCheck.entries_without_body.length) {
    warnings.push(`${tocCheck.entries_without_body.length} table-of-contents entries have no document body`);
  }
  if (toc.entries.length && tocCheck.bodies_without_entry.length) {
    warnings.push(`${tocCheck.bodies_without_entry.length} documents are missing from the table of contents`);
  }
  const inToc = new Set(tocCheck.bodies_without_entry.map((b) => b.start_line));

  const documents: ParsedDocument[] = [];
  const appointments: GazetteAppointment[] = [];
  drafts.forEach((draft, k) => {
    if (toc.entries.length && inToc.has(draft.start_line)) {
      draft.reasons.push('not in the table of contents');
      draft.confidence = Math.max(0, Math.round((draft.confidence - 0.1) * 100) / 100);
    }
    const entityContext = documentEntityContext(gazette, draft);
    documents.push({
      ...draft,
      entities: withEntities ? extractEntities(draft.text, entityContext) : [],
      regulation:
        withEntities && draft.category === 'regulation' ? extractRegulationTerms(draft.text, entityContext) : null,
    });
    if (draft.category === 'personnel') {
      const span = spans[k];
      const bodyText = view.raw.slice(span.heading.end + 1, span.end + 1).join('\n');
      const records = extractAppointments(bodyText, {
        docNumber: draft.doc_number,
        signedOn: draft.signed_on,
        year: entityContext.year,
      });
      appointments.push(...records.map((record) => ({ ...record, document_index: k })));
    }
  });

  return { gazette, documents, appointments, toc: toc.entries, toc_check: tocCheck, encoding, warnings };
}

/**
 * What the entity and appointment stages need to know of a document's gazette. Exported so that a
 * service extracting one document at a time computes exactly what a whole-gazette parse does.
 */
export function documentEntityContext(
  gazette: GazetteMetadata,
  document: Pick<ParsedDocument, 'signed_on' | 'doc_number'>,
): EntityContext {
  return {
    year: document.signed_on ? Number(document.signed_on.slice(0, 4)) : gazette.year,
    region: gazette.region,
    publisher: gazette.publisher,
    ownDocNumber: document.doc_number,
  };
}

/** The last line of the table of contents, so that TOC titles are not mistaken for headings. */
function lastTocLine(view: LineView, entries: TocEntry[]): number {
  if (!entries.length) return 0;
  const last = entries[entries.length - 1].line;
  const i = view.lines.findIndex((l) => l.line > last);
  return i < 0 ? view.length : i + 1;
}

function frontMatterIndex(lines: { line: number }[], firstDocumentLine: number | null): number {
  if (firstDocumentLine == null) return lines.length;
  const i = lines.findIndex((l) => l.line >= firstDocumentLine);
  return i < 0 ? lines.length : i;
}

/** Without a masthead, the government that signs most documents is taken as the publisher. */
function nameFromDocuments(drafts: DocumentDraft[]): GazetteName | null {
  const counts = new Map<string, number>();
  for (const d of drafts)
    for (const issuer of d.issuers) {
      if (/人民政府$/.test(issuer)) counts.set(issuer, (counts.get(issuer) ?? 0) + 1);
    }
  const best = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
  if (!best) return null;
  const region = best[0].replace(/人民政府$/, '');
  return { name: `${best[0]}公报`, publisher: best[0], region };
}

/**
 * A document's section: its TOC entry's, else a 【section】 heading printed in the body before it,
 * else the section of the document before it.
 */
function assignSections(
  view: LineView,
  spans: DocumentSpan[],
  entries: TocEntry[],
  bodyFrom: number,
): (string | null)[] {
  const byNumber = new Map(entries.filter((e) => e.doc_number).map((e) => [e.doc_number as string, e]));
  const byTitle = new Map(entries.map((e) => [titleKey(e.title), e]));
  const markers: { index: number; section: string }[] = [];
  const tocSections = new Set(entries.map((e) => e.section).filter((s): s is string => s != null));
  for (let i = bodyFrom; i < view.length; i++) {
    const s = view.sq[i];
    const section = matchBracketSection(s) ?? (tocSections.has(s) || SECTION_HEADING.test(s) ? s : null);
    if (section) markers.push({ index: i, section });
  }
  const out: (string | null)[] = [];
  for (const span of spans) {
    const entry = (span.docNumber && byNumber.get(span.docNumber)) || byTitle.get(titleKey(span.heading.title));
    let section: string | null = entry ? entry.section : null;
    if (section == null) {
      const marker = markers.filter((m) => m.index < span.heading.start).pop();
      section = marker?.section ?? (out.length ? out[out.length - 1] : null);
    }
    out.push(section);
  }
  return out;
}

/**
 * A section heading printed bare in the body: "市政府文件", "县政府办公室文件", "市政府部门规范性文件",
 * "人事任免" — the shapes gazettes group their documents under.
 */
const SECTION_HEADING =
  /^(?:[\u4e00-\u9fa5]{0,8}[省市县区州旗盟])?(?:人民)?政府(?:办公室|办公厅)?(?:部门)?(?:规范性)?文件$|^(?:部门|规范性|其他)文件$|^人事任免$/;

function checkToc(entries: TocEntry[], drafts: DocumentDraft[]): TocCheck {
  const numbers = new Set(drafts.map((d) => d.doc_number).filter(Boolean));
  const titles = new Set(drafts.map((d) => titleKey(d.title)));
  const entryNumbers = new Set(entries.map((e) => e.doc_number).filter(Boolean));
  const entryTitles = new Set(entries.map((e) => titleKey(e.title)));
  return {
    entries_without_body: entries.filter(
      (e) => !(e.doc_number && numbers.has(e.doc_number)) && !titles.has(titleKey(e.title)),
    ),
    bodies_without_entry: drafts
      .filter((d) => !(d.doc_number && entryNumbers.has(d.doc_number)) && !entryTitles.has(titleKey(d.title)))
      .map((d) => ({ title: d.title, doc_number: d.doc_number, start_line: d.start_line })),
  };
}
