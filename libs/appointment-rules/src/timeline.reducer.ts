import { compareText, eventFromRecord, eventsOfTenure, startsOrEndsTenure } from './appointment.event';
import { compareInPost, deriveTenures } from './tenure.rules';
import type {
  ApplicableRecord,
  Tenure,
  TenureLink,
  Timeline,
  TimelineChanges,
  TimelineSnapshot,
} from './timeline.model';

/**
 * The reducer the appointments service runs per document. It does not patch the stored tenures:
 * it turns them back into the records they account for (their evidence), adds the new records and
 * rebuilds each post concerned from scratch, then reports the difference. So the outcome is the
 * same whatever order documents arrive in, and a document applied twice changes nothing.
 */
export function applyRecords(timeline: TimelineSnapshot, records: readonly ApplicableRecord[]): TimelineChanges {
  const incoming = records.filter(startsOrEndsTenure).map(eventFromRecord);
  const keys = new Set(incoming.map((event) => event.post.key));
  const stored = timeline.tenures.filter((tenure) => keys.has(tenure.post.key));
  const derived = [...deriveTenures([...stored.flatMap(eventsOfTenure), ...incoming]).values()].flat();
  return difference(stored, derived);
}

/** Field by field in a fixed order, so that a row read back from a store compares by value. */
function row(tenure: Tenure): Tenure {
  return {
    id: tenure.id,
    person: tenure.person,
    post: {
      organisation: tenure.post.organisation,
      organisation_full: tenure.post.organisation_full,
      title: tenure.post.title,
      key: tenure.post.key,
    },
    start: tenure.start ?? null,
    end: tenure.end ?? null,
    status: tenure.status,
    start_doc: tenure.start_doc ?? null,
    start_doc_number: tenure.start_doc_number ?? null,
    end_doc: tenure.end_doc ?? null,
    end_doc_number: tenure.end_doc_number ?? null,
    predecessor_id: tenure.predecessor_id ?? null,
    successor_id: tenure.successor_id ?? null,
    evidence: tenure.evidence.map((item) => ({
      document_id: item.document_id,
      doc_number: item.doc_number ?? null,
      action: item.action,
      method: item.method,
      date: item.date ?? null,
      position: item.position,
      qualifiers: [...item.qualifiers],
    })),
  };
}

function sameRow(a: Tenure, b: Tenure): boolean {
  return JSON.stringify(row(a)) === JSON.stringify(row(b));
}

function difference(stored: readonly Tenure[], derived: readonly Tenure[]): TimelineChanges {
  const before = new Map(stored.map((tenure) => [tenure.id, tenure]));
  const after = new Set(derived.map((tenure) => tenure.id));
  const upsert: Tenure[] = [];
  const links: TenureLink[] = [];
  for (const tenure of derived) {
    const old = before.get(tenure.id);
    if (old && sameRow(old, tenure)) continue;
    upsert.push(tenure);
    const oldPredecessor = old?.predecessor_id ?? null;
    const oldSuccessor = old?.successor_id ?? null;
    if (oldPredecessor !== tenure.predecessor_id || oldSuccessor !== tenure.successor_id) {
      links.push({ tenure_id: tenure.id, predecessor_id: tenure.predecessor_id, successor_id: tenure.successor_id });
    }
  }
  const deleted = [...before.keys()].filter((id) => !after.has(id)).sort(compareText);
  return { upsert, links, delete: deleted };
}

/** Timeline order: by post key, then in time within the post. */
export function compareTenures(a: Tenure, b: Tenure): number {
  return compareText(a.post.key, b.post.key) || compareInPost(a, b);
}

/** The snapshot after the changes, as the service's store would hold it (for tests and in-memory use). */
export function applyChanges(timeline: TimelineSnapshot, changes: TimelineChanges): Timeline {
  const byId = new Map(timeline.tenures.map((tenure) => [tenure.id, tenure]));
  for (const tenure of changes.upsert) byId.set(tenure.id, tenure);
  for (const change of changes.links) {
    const tenure = byId.get(change.tenure_id);
    if (tenure) {
      byId.set(change.tenure_id, {
        ...tenure,
        predecessor_id: change.predecessor_id,
        successor_id: change.successor_id,
      });
    }
  }
  for (const id of changes.delete) byId.delete(id);
  return { tenures: [...byId.values()].sort(compareTenures) };
}

/** The whole timeline of a set of records: the same as applying them to an empty snapshot. */
export function buildTimeline(records: readonly ApplicableRecord[]): Timeline {
  return applyChanges({ tenures: [] }, applyRecords({ tenures: [] }, records));
}
