import {
  compareDates,
  compareEvidence,
  comparePostSpelling,
  compareText,
  distinctEvents,
  type AppointmentEvent,
} from './appointment.event';
import type { Post } from './post.parser';
import { allowsConcurrentHolders } from './post-title.pattern';
import { tenureId } from './tenure-id';
import type { Tenure, TenureEvidence } from './timeline.model';

/**
 * The officeholder rules. Everything here is a function of the set of events of one post, so the
 * reducer can rebuild a post's tenures from scratch each time and stay independent of the order
 * in which documents were processed.
 */

/** A tenure while a person's records are read; open until a removal closes it. */
interface TenureDraft {
  start: string | null;
  end: string | null;
  start_evidence: TenureEvidence | null;
  end_evidence: TenureEvidence | null;
  evidence: TenureEvidence[];
}

/**
 * One person's tenures in one post, reading their records in date order:
 *  - an appointment opens a tenure at its document's date;
 *  - a removal closes the open tenure at its document's date;
 *  - a removal with nothing open and nothing before is a tenure whose start is unknown;
 *  - an appointment while a tenure is open confirms it (re-printed or re-issued notice): the
 *    tenure keeps its first date, the record is kept as evidence;
 *  - a second removal without an appointment between is kept as evidence of the first;
 *  - an undated appointment belongs to the person's latest tenure when there is one (its date
 *    cannot be placed), and becomes that tenure's appointing document if it had none.
 * Every record lands in exactly one tenure, and no two tenures share a start, so ids never clash.
 */
function personTenures(evidence: TenureEvidence[]): TenureDraft[] {
  const tenures: TenureDraft[] = [];
  let open: TenureDraft | null = null;
  for (const item of [...evidence].sort(compareEvidence)) {
    const last: TenureDraft | undefined = tenures[tenures.length - 1];
    if (item.action === 'appoint') {
      if (open) {
        open.evidence.push(item);
      } else if (item.date === null && last) {
        last.evidence.push(item);
        if (!last.start_evidence) last.start_evidence = item;
      } else {
        open = { start: item.date, end: null, start_evidence: item, end_evidence: null, evidence: [item] };
        tenures.push(open);
      }
    } else if (open) {
      open.end = item.date;
      open.end_evidence = item;
      open.evidence.push(item);
      open = null;
    } else if (last) {
      last.evidence.push(item);
    } else {
      tenures.push({ start: null, end: item.date, start_evidence: null, end_evidence: item, evidence: [item] });
    }
  }
  return tenures;
}

/** Where a tenure sits in time: its start, or its end when only the removal is known. */
function anchor(tenure: Tenure): string | null {
  return tenure.start ?? tenure.end;
}

function startKnown(tenure: Tenure): number {
  return tenure.start === null ? 0 : 1;
}

/**
 * Time order within a post (and the order of the views). At one date a tenure known only by its
 * end comes before one that starts there: one notice often removes the old holder and appoints
 * the new one.
 */
export function compareInPost(a: Tenure, b: Tenure): number {
  return (
    compareDates(anchor(a), anchor(b)) ||
    startKnown(a) - startKnown(b) ||
    compareText(a.person, b.person) ||
    compareText(a.id, b.id)
  );
}

function link(predecessor: Tenure, successor: Tenure): void {
  predecessor.successor_id = successor.id;
  successor.predecessor_id = predecessor.id;
}

/**
 * A single-holder post (no 副) is a chain: each tenure with a known start follows the tenure just
 * before it in time, if that one ended at or before the start, or was still open (replaced
 * without a recorded removal), or was removed only later (the removal notice came after the
 * appointment). Same-day appointments of two people are not a succession and are not linked;
 * a tenure with unknown start gets no predecessor, since dates cannot show what it followed.
 * An open tenure followed by a later appointment is 'unknown': no end date is invented.
 */
function linkSingleHolderPost(tenures: Tenure[]): void {
  const placed = tenures.filter((tenure) => anchor(tenure) !== null).sort(compareInPost);
  for (let i = 1; i < placed.length; i++) {
    const previous = placed[i - 1];
    const current = placed[i];
    if (current.start === null) continue;
    if (previous.start === null || previous.start < current.start) link(previous, current);
  }
  for (const tenure of tenures) {
    if (tenure.status !== 'current' || tenure.start === null) continue;
    const start = tenure.start;
    if (tenures.some((other) => other.start !== null && other.start > start)) tenure.status = 'unknown';
  }
}

/**
 * A post with concurrent holders (副…, 委员…) has no chain: appointing a deputy ends nobody's
 * tenure. A vacancy is linked to an appointment only when the dates pair them one to one: exactly
 * one tenure starts on a date, and exactly one tenure ended since the previous appointment date
 * and at or before it. Anything else (one removal, two appointments) is left unlinked rather than
 * linked at random.
 */
function linkConcurrentPost(tenures: Tenure[]): void {
  const starts = [...new Set(tenures.flatMap((tenure) => (tenure.start === null ? [] : [tenure.start])))].sort();
  let previousStart: string | null = null;
  for (const start of starts) {
    const starting = tenures.filter((tenure) => tenure.start === start);
    const vacated = tenures.filter(
      (tenure) =>
        tenure.end !== null &&
        tenure.end <= start &&
        (previousStart === null || tenure.end > previousStart) &&
        tenure.successor_id === null &&
        tenure.start !== start,
    );
    if (starting.length === 1 && vacated.length === 1) link(vacated[0], starting[0]);
    previousStart = start;
  }
}

function toTenure(person: string, post: Post, built: TenureDraft): Tenure {
  const ended = built.end_evidence !== null;
  return {
    id: tenureId(person, post.key, built.start),
    person,
    post,
    start: built.start,
    end: built.end,
    status: ended ? 'ended' : 'current',
    start_doc: built.start_evidence?.document_id ?? null,
    start_doc_number: built.start_evidence?.doc_number ?? null,
    end_doc: built.end_evidence?.document_id ?? null,
    end_doc_number: built.end_evidence?.doc_number ?? null,
    predecessor_id: null,
    successor_id: null,
    evidence: [...built.evidence].sort(compareEvidence),
  };
}

/** All tenures of one post from its distinct events, all carrying the post's display spelling. */
function postTenures(post: Post, events: AppointmentEvent[]): Tenure[] {
  const byPerson = new Map<string, TenureEvidence[]>();
  for (const event of events) {
    const list = byPerson.get(event.person) ?? [];
    list.push(event.evidence);
    byPerson.set(event.person, list);
  }
  const tenures = [...byPerson].flatMap(([person, evidence]) =>
    personTenures(evidence).map((built) => toTenure(person, post, built)),
  );
  if (allowsConcurrentHolders(post.title)) linkConcurrentPost(tenures);
  else linkSingleHolderPost(tenures);
  return tenures.sort(compareInPost);
}

/**
 * The tenures of every post the events name, by post key in code-point order. Duplicates are
 * dropped here; the display spelling of a post is the smallest among all its events, duplicates
 * included, so that it too depends only on the set of records.
 */
export function deriveTenures(events: readonly AppointmentEvent[]): Map<string, Tenure[]> {
  const byPost = new Map<string, AppointmentEvent[]>();
  for (const event of events) {
    const list = byPost.get(event.post.key) ?? [];
    list.push(event);
    byPost.set(event.post.key, list);
  }
  const result = new Map<string, Tenure[]>();
  for (const key of [...byPost.keys()].sort(compareText)) {
    const all = byPost.get(key) ?? [];
    const post = all.map((event) => event.post).sort(comparePostSpelling)[0];
    result.set(key, postTenures(post, distinctEvents(all)));
  }
  return result;
}
