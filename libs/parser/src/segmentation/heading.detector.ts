import { endsWithKind } from '../classification/document-kind.classifier';
import { isOrganisationName, matchOrganisationLine } from '../patterns/organisation.pattern';
import { isHeadingBarrier, isTerminated } from './line-roles';

/**
 * A 公文 heading is [issuer] 关于 [subject] 的 [kind] (GB/T 9704), printed on one to several lines
 * above its 发文字号, the issuer on its own line or before 关于 on the first title line. Found by
 * walking up from the number line; some gazettes print the number first, so the title may also
 * be found below it.
 */

export interface Heading {
  /** Index (in the segmenter's lines) of the first heading line. */
  start: number;
  /** Index of the last line that belongs to the heading block (the number line, when there is one). */
  end: number;
  /** Squashed title. */
  title: string;
  /** The issuers printed in the heading, when they can be told apart. */
  issuers: string[];
  /** How sure the title is: false when no kind ends it and no 关于 shapes it. */
  wellFormed: boolean;
}

const MAX_HEADING_LINES = 8;
const MAX_JOINT_ISSUERS = 4;
const MAX_TITLE_WITHOUT_ABOUT = 100;
/** A name that carries its place ("临汾市应急管理局", "国务院"), not a short form ("市财政局"). */
const FULL_NAME =
  /^(?:国务院|中共中央|全国|中央|[\u4e00-\u9fa5]{2,}?(?:省|自治区|市|自治州|州|盟|地区|县|自治县|旗|区))/;

function isFullOrganisationName(name: string): boolean {
  return FULL_NAME.test(name) && !/^[省市县区州]/.test(name);
}
const ISSUE_VERB = /(?:印发|转发|批转|发布)$/;
const ISSUER_KIND = /^(.+?)(?:令|公告|通告)(?:[（(][^)）]*[)）])?$/;

/** The issuer part of a squashed title: what stands before 关于 (and a 印发 that precedes it). */
export function headingIssuerPart(title: string): string | null {
  const at = title.indexOf('关于');
  if (at > 0) {
    const prefix = title.slice(0, at).replace(ISSUE_VERB, '');
    return isOrganisationName(prefix) ? prefix : null;
  }
  // Titles without 关于 are the issuer plus the kind: "…市人民政府令", "…市人民政府公告".
  const bare = ISSUER_KIND.exec(title);
  return bare && isOrganisationName(bare[1]) ? bare[1] : null;
}

function wellFormed(title: string): boolean {
  return endsWithKind(title) && title.length >= 4;
}

/**
 * The heading above line `anchor` (exclusive), not reaching above `floor`. `raw` are the lines as
 * normalised (spaces kept, to split joint issuers), `sq` the same squashed.
 */
export function headingAbove(raw: string[], sq: string[], anchor: number, floor: number): Heading | null {
  let title = '';
  let start = -1;
  let issuerLine: string[] | null = null;
  for (let i = anchor - 1; i >= Math.max(floor, anchor - MAX_HEADING_LINES); i--) {
    const s = sq[i];
    if (isHeadingBarrier(s)) break;
    if (title.startsWith('关于')) {
      // Above a line opening with 关于 only an issuer line or an outer title line belongs to the heading.
      const orgs = matchOrganisationLine(raw[i]);
      if (orgs) {
        issuerLine = orgs;
        title = s + title;
        start = i;
        break;
      }
      if (!s.includes('关于')) break;
    }
    title = s + title;
    start = i;
    const orgs = matchOrganisationLine(raw[i]);
    if (orgs && i < anchor - 1) {
      issuerLine = orgs;
      break;
    }
    if (headingIssuerPart(title)) break;
    // A title without 关于 is short ("…人民政府令"); a long run without it is the text before.
    if (!title.includes('关于') && title.length > MAX_TITLE_WITHOUT_ABOUT) break;
  }
  if (start < 0) return null;
  // Joint issuers may stand one per line above the title; they are full names, with their place,
  // unlike the short forms ("市财政局") of a list that may end the document before.
  for (let n = 0; issuerLine && n < MAX_JOINT_ISSUERS && start - 1 >= floor; n++) {
    const more = matchOrganisationLine(raw[start - 1]);
    if (!more || !more.every(isFullOrganisationName) || !issuerLine.every(isFullOrganisationName)) break;
    issuerLine = [...more, ...issuerLine];
    title = sq[start - 1] + title;
    start--;
  }
  const issuers = issuerLine ?? splitHeadingIssuers(raw[start], title);
  return { start, end: anchor, title, issuers, wellFormed: wellFormed(title) };
}

/** Number-first layout: the title lines follow the number line. */
export function headingBelow(sq: string[], anchor: number, ceiling: number): Heading | null {
  let title = '';
  for (let i = anchor + 1; i <= Math.min(ceiling, anchor + 4); i++) {
    const s = sq[i];
    if (isHeadingBarrier(s) || isTerminated(s)) return null;
    title += s;
    if (wellFormed(title) && (title.includes('关于') || i === anchor + 1)) {
      const issuer = headingIssuerPart(title);
      return { start: anchor, end: i, title, issuers: issuer ? [issuer] : [], wellFormed: true };
    }
  }
  return null;
}

/** Joint issuers printed before 关于, separated by spaces in the first heading line. */
function splitHeadingIssuers(firstLine: string, title: string): string[] {
  const part = headingIssuerPart(title);
  if (!part) return [];
  const at = firstLine.indexOf('关于');
  const head = (at > 0 ? firstLine.slice(0, at) : firstLine).trim().replace(ISSUE_VERB, '');
  const names = head.split(/\s+/).filter(Boolean);
  return names.length > 1 && names.every(isOrganisationName) && names.join('') === part ? names : [part];
}
