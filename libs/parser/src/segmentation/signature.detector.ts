import { matchDateLine } from '../patterns/date.pattern';
import { matchOrganisationLine } from '../patterns/organisation.pattern';
import { isAttachmentItem, matchPublicity } from './line-roles';

/**
 * The 落款: the issuing bodies, one per line or side by side, then the 成文日期 on its own line,
 * then often a publicity note. Two-column layouts may interleave an attachment list with it, so
 * list items between the names and the date are stepped over.
 */

export interface Signature {
  /** Index of the first issuer line (or the date line when no issuer is printed). */
  start: number;
  /** Index of the date line. */
  dateIndex: number;
  /** Index of the last line of the block (publicity note included). */
  end: number;
  signedOn: string;
  issuers: string[];
  publicity: string | null;
}

const MAX_GAP = 2;
const TRAILING_DATE =
  /(?:\d{4}|[〇零○OＯ一二三四五六七八九]{4})年[\d一二三四五六七八九十]{1,3}月[\d一二三四五六七八九十]{1,3}日$/;

/** Organisation names and a date on one line: "吕梁市人民政府 2023年4月18日". */
function splitOrgsAndDate(raw: string): { orgs: string[]; iso: string } | null {
  // Normalised dates hold no spaces (the one before a digit may be gone too): cut the date off the end.
  const line = raw.trim();
  const tail = TRAILING_DATE.exec(line);
  if (!tail || tail.index === 0) return null;
  const iso = matchDateLine(tail[0]);
  const orgs = iso ? matchOrganisationLine(line.slice(0, tail.index)) : null;
  return orgs && iso ? { orgs, iso } : null;
}

function issuersAbove(
  raw: string[],
  sq: string[],
  dateIndex: number,
  floor: number,
): { start: number; issuers: string[] } {
  const blocks: string[][] = [];
  let start = dateIndex;
  let gap = 0;
  for (let i = dateIndex - 1; i >= floor; i--) {
    const orgs = matchOrganisationLine(raw[i]);
    if (orgs) {
      blocks.unshift(orgs);
      start = i;
      gap = 0;
      continue;
    }
    if (blocks.length === 0 && gap < MAX_GAP && isAttachmentItem(sq[i])) {
      gap++;
      continue;
    }
    break;
  }
  return { start, issuers: blocks.flat() };
}

/**
 * The first signature block between `from` and `to` (line indices, inclusive): a date line with
 * issuer names above it. A date line without names is used only when no named one exists.
 */
export function findSignature(raw: string[], sq: string[], from: number, to: number): Signature | null {
  let bare: Signature | null = null;
  for (let i = from; i <= to; i++) {
    let iso = matchDateLine(sq[i]);
    let inline: string[] = [];
    if (!iso) {
      const split = splitOrgsAndDate(raw[i]);
      if (!split) continue;
      iso = split.iso;
      inline = split.orgs;
    }
    const above = issuersAbove(raw, sq, i, from);
    const issuers = [...above.issuers, ...inline];
    let end = i;
    let publicity: string | null = null;
    for (let j = i + 1; j <= Math.min(to, i + 3); j++) {
      const p = matchPublicity(sq[j]);
      if (p) {
        publicity = p;
        end = j;
        break;
      }
    }
    const signature = {
      start: above.issuers.length ? above.start : i,
      dateIndex: i,
      end,
      signedOn: iso,
      issuers,
      publicity,
    };
    if (issuers.length) return signature;
    bare ??= signature;
  }
  return bare;
}
