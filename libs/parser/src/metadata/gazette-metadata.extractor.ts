import { parseChineseNumeral } from '../entities/chinese-numeral';
import type { GazetteMetadata, SourceLine } from '../model/gazette.model';
import { squash } from '../normalise/char-normaliser';
import { isRunningHeader } from '../normalise/page-furniture';
import { isoDate } from '../patterns/date.pattern';

/**
 * Gazette-level facts from the masthead (cover, title page, table-of-contents header) and, when a
 * gazette has no cover in the text, from the running headers that survive on its pages.
 */

/** The name starts the line or follows a space, bracket or quote, so running-header words stay out. */
const GAZETTE_NAME =
  /(?:^|[\s《“"【（(])((?![本该我全各])[\u4e00-\u9fa5]{1,15}?(?:省|自治区|市|自治州|州|盟|县|自治县|旗|区))\s*(人民政府|政府)\s*公\s*报/g;
const NUM = '[0-9]{1,3}|[一二三四五六七八九十〇零]{1,3}';
const YEAR = '(?:19|20)\\d{2}|[一二][〇零○OＯ一二三四五六七八九]{3}';
const YEAR_ISSUE = new RegExp(`(${YEAR})年?第(${NUM})(?:[·・.、\\-—–/]|期第?)?(${NUM})?期`);
/** Lines that are document titles or sentences, not masthead ("…举办2023年第1期培训班的通知"). */
const NOT_MASTHEAD = /关于|通知|决定|[，。；]/;
const YEAR_DOT_ISSUE = /((?:19|20)\d{2})[·・](\d{1,2})(?:[·・\-—–/](\d{1,2}))?(?!\d)/;
const ISSUE_ONLY = new RegExp(`^第(${NUM})(?:[·・、\\-—–/](${NUM}))?期$`);
const TOTAL_ISSUE = /总第?(\d{1,5})期/;
const PUBLISHED =
  /((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日出版|出版(?:日期|时间)[:：]?((?:19|20)\d{2})[年.\-/](\d{1,2})[月.\-/](\d{1,2})/;
const YEAR_ONLY = /^((?:19|20)\d{2})年?$/;

export interface GazetteName {
  /** The name as printed, squashed ("吕梁市人民政府公报"). */
  name: string;
  publisher: string;
  region: string;
}

export function findGazetteName(lines: SourceLine[]): GazetteName | null {
  // Every mention votes (masthead, running headers, 《…公报》简介); the first breaks a tie.
  const votes = new Map<string, { name: GazetteName; count: number }>();
  for (const l of lines) {
    if (!l.text.includes('报') || !/公\s*报/.test(l.text)) continue;
    for (const m of l.text.matchAll(GAZETTE_NAME)) {
      const region = m[1];
      const entry = votes.get(region) ?? {
        name: { name: `${region}${m[2]}公报`, publisher: `${region}人民政府`, region },
        count: 0,
      };
      entry.count++;
      votes.set(region, entry);
    }
  }
  let best: { name: GazetteName; count: number } | null = null;
  for (const v of votes.values()) if (!best || v.count > best.count) best = v;
  return best?.name ?? null;
}

function yearNumber(text: string): number | null {
  return /^\d+$/.test(text) ? Number(text) : parseChineseNumeral(text.replace(/[OＯ]/g, '〇'));
}

function issueNumber(text: string | undefined): string | null {
  if (!text) return null;
  const n = /^\d+$/.test(text) ? Number(text) : parseChineseNumeral(text);
  return n == null || n <= 0 ? null : String(n);
}

function joinIssue(first: string | undefined, second: string | undefined): string | null {
  const a = issueNumber(first);
  const b = issueNumber(second);
  return a && b ? `${a}-${b}` : a;
}

export interface MetadataInput {
  lines: SourceLine[];
  /** Index in `lines` of the first document heading: what comes before is front matter. */
  frontMatterEnd: number;
  gazetteName: GazetteName | null;
  /** Signing years of the documents, for a gazette whose masthead gives no year. */
  documentYears: number[];
}

export function extractGazetteMetadata(input: MetadataInput): GazetteMetadata {
  const { lines, frontMatterEnd, gazetteName } = input;
  const front = lines
    .slice(0, frontMatterEnd)
    .map((l) => squash(l.text))
    .filter((s) => s.length <= 60 && !NOT_MASTHEAD.test(s));
  const headers = gazetteName
    ? lines
        .slice(frontMatterEnd)
        .filter((l) => l.text.length <= 80 && /公\s*报/.test(l.text))
        .map((l) => squash(l.text))
        .filter((s) => isRunningHeader(s, gazetteName.name))
    : [];
  const sources = [...front, ...headers];

  let year: number | null = null;
  let issue: string | null = null;
  let totalIssue: number | null = null;
  let publishedOn: string | null = null;
  let looseYear: number | null = null;
  let looseIssue: string | null = null;

  for (const s of sources) {
    if (issue == null) {
      const m = YEAR_ISSUE.exec(s);
      if (m) {
        year = yearNumber(m[1]);
        issue = joinIssue(m[2], m[3]);
      } else {
        const d = YEAR_DOT_ISSUE.exec(s);
        if (d && (s === d[0] || (gazetteName && s.includes(gazetteName.name)))) {
          year = Number(d[1]);
          issue = joinIssue(d[2], d[3]);
        }
      }
    }
    if (looseIssue == null) {
      const m = ISSUE_ONLY.exec(s);
      if (m) looseIssue = joinIssue(m[1], m[2]);
    }
    if (looseYear == null) {
      const m = YEAR_ONLY.exec(s);
      if (m) looseYear = Number(m[1]);
    }
    if (totalIssue == null) {
      const m = TOTAL_ISSUE.exec(s);
      if (m) totalIssue = Number(m[1]);
    }
    if (publishedOn == null) {
      const m = PUBLISHED.exec(s);
      if (m) {
        publishedOn = m[1]
          ? isoDate(Number(m[1]), Number(m[2]), Number(m[3]))
          : isoDate(Number(m[4]), Number(m[5]), Number(m[6]));
      }
    }
  }
  issue ??= looseIssue;
  year ??= looseYear ?? (publishedOn ? Number(publishedOn.slice(0, 4)) : mostCommon(input.documentYears));

  return {
    publisher: gazetteName?.publisher ?? null,
    region: gazetteName?.region ?? null,
    year,
    issue,
    total_issue: totalIssue,
    published_on: publishedOn,
  };
}

function mostCommon(values: number[]): number | null {
  const counts = new Map<number, number>();
  let best: number | null = null;
  for (const v of values) {
    const c = (counts.get(v) ?? 0) + 1;
    counts.set(v, c);
    if (best == null || c > (counts.get(best) ?? 0)) best = v;
  }
  return best;
}
