import type { Post } from './post.parser';

/**
 * The shapes the appointments service stores. Kept structurally compatible with the parser's
 * `AppointmentRecord` (a spec checks the assignment) instead of importing it, so that this package
 * builds without depending on the parser's build output.
 */

export type AppointmentAction = 'appoint' | 'remove';

/** An appointment record as the parser emits it, tied to the document it came from. */
export interface ApplicableRecord {
  /** The service's id of the personnel document; identifies the evidence, so it must be stable. */
  document_id: string;
  /** The gazette's area ("吕梁市"), used to resolve "市…" short forms. */
  region: string | null;
  doc_number: string | null;
  person: string;
  action: AppointmentAction;
  method: string;
  position: string;
  qualifiers: readonly string[];
  /** ISO date the appointing or removing document was signed; null when unknown. */
  signed_on: string | null;
}

/** One record behind a tenure. Tenures keep all of theirs, which makes the reducer replayable. */
export interface TenureEvidence {
  document_id: string;
  doc_number: string | null;
  action: AppointmentAction;
  method: string;
  /** The document's date (ISO) or null. */
  date: string | null;
  /** The position as printed. */
  position: string;
  qualifiers: string[];
}

/**
 * current: appointed, no removal recorded, nobody appointed after them to a single-holder post.
 * ended: a removal is recorded (its date may be unknown).
 * unknown: no removal recorded, but someone else was later appointed to the single-holder post,
 * so the tenure has probably ended at a date the documents do not give.
 */
export type TenureStatus = 'current' | 'ended' | 'unknown';

export interface Tenure {
  /** `tenureId(person, post.key, start)`. */
  id: string;
  /** Normalised name (NFKC, no whitespace). */
  person: string;
  post: Post;
  /** ISO date of the appointing document, or null when no dated appointment is recorded. */
  start: string | null;
  /** ISO date of the removing document, or null (open, or removed at an unknown date). */
  end: string | null;
  status: TenureStatus;
  /** `document_id` of the appointing document. */
  start_doc: string | null;
  start_doc_number: string | null;
  /** `document_id` of the removing document. */
  end_doc: string | null;
  end_doc_number: string | null;
  /** The tenure this one followed in the same post. */
  predecessor_id: string | null;
  successor_id: string | null;
  /** Every record about this person and post that the tenure accounts for, in date order. */
  evidence: TenureEvidence[];
}

/**
 * What the reducer needs to know: every stored tenure of each post the records name. Tenures of
 * other posts may be included and are left alone; a missing tenure of a named post would be
 * recreated from the new records alone, so the service must load them by post key.
 */
export interface TimelineSnapshot {
  tenures: readonly Tenure[];
}

/** A whole timeline, ordered by post key, then date. */
export interface Timeline {
  tenures: Tenure[];
}

/** Links of one tenure, for a store that writes rows first and references second. */
export interface TenureLink {
  tenure_id: string;
  predecessor_id: string | null;
  successor_id: string | null;
}

/**
 * Apply in this order: upsert the rows, set the links, delete. The rows already carry their links;
 * `links` repeats the changed ones so that a store with foreign keys can insert rows with null
 * links first. Deleted ids are never referenced by the final links.
 */
export interface TimelineChanges {
  /** Full rows, new or changed. */
  upsert: Tenure[];
  /** The upserted rows whose links differ from the stored ones (new rows: any non-null link). */
  links: TenureLink[];
  /**
   * Ids that no longer exist: a tenure whose start was unknown gets a new id once its
   * appointment turns up.
   */
  delete: string[];
}
