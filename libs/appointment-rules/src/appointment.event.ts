import { normaliseName, squashSpaces } from './name.normaliser';
import { parsePost, type Post } from './post.parser';
import { AppointmentRecordError } from './record.error';
import type { ApplicableRecord, Tenure, TenureEvidence } from './timeline.model';

/**
 * The unit the rules work on: one record, normalised. Tenures are rebuilt from the set of events
 * of their post, so the result depends on which events exist, never on the order they came in.
 */
export interface AppointmentEvent {
  person: string;
  post: Post;
  evidence: TenureEvidence;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A nomination (提名…人选) proposes a candidate to another body; the nominee holds nothing until
 * that body elects or appoints them, so it neither starts nor ends a tenure.
 */
export function startsOrEndsTenure(record: Pick<ApplicableRecord, 'method'>): boolean {
  return record.method !== 'nominate';
}

function evidence(fields: TenureEvidence): TenureEvidence {
  // Rebuilt field by field so that rows read back from a store compare equal to fresh ones.
  return {
    document_id: fields.document_id,
    doc_number: fields.doc_number ?? null,
    action: fields.action,
    method: fields.method,
    date: fields.date ?? null,
    position: fields.position,
    qualifiers: [...fields.qualifiers],
  };
}

export function eventFromRecord(record: ApplicableRecord): AppointmentEvent {
  const person = normaliseName(record.person ?? '');
  const position = squashSpaces(record.position ?? '');
  if (!record.document_id) throw new AppointmentRecordError('record without document_id', null);
  if (!person) throw new AppointmentRecordError('record without person', record.document_id);
  if (!position) throw new AppointmentRecordError(`record of ${person} without position`, record.document_id);
  if (record.action !== 'appoint' && record.action !== 'remove') {
    throw new AppointmentRecordError(`unknown action ${String(record.action)}`, record.document_id);
  }
  if (record.signed_on !== null && !ISO_DATE.test(record.signed_on)) {
    throw new AppointmentRecordError(`signed_on is not an ISO date: ${record.signed_on}`, record.document_id);
  }
  return {
    person,
    post: parsePost(position, { region: record.region }),
    evidence: evidence({
      document_id: record.document_id,
      doc_number: record.doc_number,
      action: record.action,
      method: record.method,
      date: record.signed_on,
      position,
      qualifiers: [...record.qualifiers],
    }),
  };
}

/** The events a stored tenure accounts for: the inverse of building it, evidence being complete. */
export function eventsOfTenure(tenure: Tenure): AppointmentEvent[] {
  return tenure.evidence.map((item) => ({ person: tenure.person, post: tenure.post, evidence: evidence(item) }));
}

/** Two records of the same document, person, post and action say the same thing once. */
export function eventIdentity(event: AppointmentEvent): string {
  return [event.person, event.post.key, event.evidence.action, event.evidence.document_id].join('\u001f');
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Dates ascending, unknown dates last: an undated record cannot be placed before a dated one. */
export function compareDates(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return compareText(a, b);
}

/**
 * The order a person's records in a post are read in. On one date a removal comes before an
 * appointment: the convention that a tenure ends "at or before" the next one starts, and a
 * removal and a re-appointment signed the same day are a new tenure, not a zero-day one.
 * Document id and position only make the order total.
 */
export function compareEvidence(a: TenureEvidence, b: TenureEvidence): number {
  return (
    compareDates(a.date, b.date) ||
    (a.action === b.action ? 0 : a.action === 'remove' ? -1 : 1) ||
    compareText(a.document_id, b.document_id) ||
    compareText(a.position, b.position) ||
    compareText(JSON.stringify(a), JSON.stringify(b))
  );
}

/**
 * The display form of a post among its spellings (same key, e.g. full- and half-width brackets):
 * the smallest, so that it depends only on which spellings exist.
 */
export function comparePostSpelling(a: Post, b: Post): number {
  return (
    compareText(a.organisation_full, b.organisation_full) ||
    compareText(a.title, b.title) ||
    compareText(a.organisation, b.organisation)
  );
}

/** One event per identity; of duplicates the smallest is kept, again independent of arrival. */
export function distinctEvents(events: readonly AppointmentEvent[]): AppointmentEvent[] {
  const byIdentity = new Map<string, AppointmentEvent>();
  for (const event of events) {
    const id = eventIdentity(event);
    const kept = byIdentity.get(id);
    if (!kept || compareEvidence(event.evidence, kept.evidence) < 0) byIdentity.set(id, event);
  }
  return [...byIdentity.values()];
}
