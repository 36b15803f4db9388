import type { Entity, EntityType } from '../model/gazette.model';
import { findDates } from './date.pattern';
import { findDocNumbers, normaliseDocNumber } from './doc-number.pattern';
import { attachDocNumbers, findLawTitles } from './law-title.pattern';
import { findOrganisations } from './organisation.pattern';
import { keepNonOverlapping, longerFirst } from './overlap.resolver';
import { findPeople } from './person.pattern';
import { findPhones } from './phone.pattern';
import { findAreas, findMoney, findPercentages } from './quantity.pattern';
import { regionNames } from './region.resolver';

/** What the extractor knows about the document beyond its text. */
export interface EntityContext {
  /** Year that month-day dates ("11月24日") fall in: the signing year, else the gazette's. */
  year: number | null;
  /** The gazette's area ("吕梁市"); short names such as 市财政局 are tied to it. */
  region: string | null;
  /** The gazette's publisher ("吕梁市人民政府"); gives the region when that is unknown. */
  publisher: string | null;
  /**
   * The document's own 发文字号. Undefined: not known, a number alone on one of the first lines is
   * taken as the document's own. Null: the document has none, every number is a cited one.
   */
  ownDocNumber?: string | null;
}

/** The heading of a document is a few lines; its own number stands there alone on a line. */
const HEADING_LINES = 8;
const BRACKETS_RE = /^[（(【[]|[）)】\]]$/g;

/** Numeric entities that overlap: the earlier kind in this list is the better reading. */
const NUMERIC_RANK: readonly EntityType[] = ['phone', 'date', 'money', 'area', 'percentage'];

const TYPE_ORDER: readonly EntityType[] = [
  'law',
  'doc_number',
  'cited_doc_number',
  'organisation',
  'position',
  'person',
  'date',
  'money',
  'area',
  'percentage',
  'phone',
];

function markOwnNumber(text: string, numbers: Entity[], own: string | null | undefined): void {
  if (own === null) return;
  if (own !== undefined) {
    const wanted = normaliseDocNumber(own);
    for (const n of numbers) if (n.value === wanted) n.type = 'doc_number';
    return;
  }
  const headingEnd = nthLineEnd(text, HEADING_LINES);
  const first = numbers.find((n) => n.start < headingEnd && standsAlone(text, n));
  if (!first) return;
  for (const n of numbers) if (n.value === first.value) n.type = 'doc_number';
}

function nthLineEnd(text: string, lines: number): number {
  let at = 0;
  for (let k = 0; k < lines; k++) {
    const next = text.indexOf('\n', at);
    if (next < 0) return text.length;
    at = next + 1;
  }
  return at;
}

/** The number is the whole of its line, brackets aside. */
function standsAlone(text: string, n: Entity): boolean {
  const lineStart = text.lastIndexOf('\n', n.start - 1) + 1;
  const lineEndAt = text.indexOf('\n', n.end);
  const lineEnd = lineEndAt < 0 ? text.length : lineEndAt;
  const rest = (text.slice(lineStart, n.start) + text.slice(n.end, lineEnd)).trim().replace(BRACKETS_RE, '');
  return rest.length === 0;
}

function byPosition(a: Entity, b: Entity): number {
  return a.start - b.start || b.end - a.end || TYPE_ORDER.indexOf(a.type) - TYPE_ORDER.indexOf(b.type);
}

/**
 * Entities of one document's text, sorted by start offset; `text.slice(start, end) === text`
 * for each. Titles in 《》 and document numbers are containers: names, dates and amounts inside
 * them belong to the title or number and are not reported again.
 */
export function extractEntities(text: string, context: EntityContext): Entity[] {
  const region = regionNames(context.region, context.publisher);

  const numbers = findDocNumbers(text);
  markOwnNumber(text, numbers, context.ownDocNumber);
  const laws = findLawTitles(text);
  attachDocNumbers(text, laws, numbers);
  const containers = keepNonOverlapping([...laws, ...numbers], longerFirst);

  const numeric = keepNonOverlapping(
    [
      ...findPhones(text),
      ...findDates(text, context.year),
      ...findMoney(text),
      ...findAreas(text),
      ...findPercentages(text),
    ],
    (a, b) => NUMERIC_RANK.indexOf(a.type) - NUMERIC_RANK.indexOf(b.type) || longerFirst(a, b),
  );
  const people = findPeople(text);
  const contained = [...numeric, ...findOrganisations(text, region), ...people.persons, ...people.positions];

  const out = [...containers];
  for (const e of contained) {
    if (!overlapsAny(e, containers)) out.push(e);
  }
  return out.sort(byPosition);
}

/** `spans` sorted by start and non-overlapping. */
function overlapsAny(e: Entity, spans: readonly Entity[]): boolean {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].end <= e.start) lo = mid + 1;
    else hi = mid;
  }
  const s = spans[lo];
  return s !== undefined && s.start < e.end;
}
