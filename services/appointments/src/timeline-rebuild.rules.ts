import {
  buildTimeline,
  type ApplicableRecord,
  type Tenure,
  type TimelineChanges,
} from '@gazette-watch/appointment-rules';

/**
 * The tenures of some posts rebuilt from scratch from every record still stored for them. The
 * rules only ever add records (`applyRecords`); when a re-run removes a record, or changes one the
 * tenures already hold as evidence, the posts it touched are derived again instead — the rules
 * promise the same outcome whatever the order, so this equals having never seen the old record.
 *
 * `records` must be every stored record of `postKeys`, and `stored` every stored tenure of them.
 */
export function rebuildPosts(
  postKeys: readonly string[],
  stored: readonly Tenure[],
  records: readonly ApplicableRecord[],
): TimelineChanges {
  const keys = new Set(postKeys);
  const derived = buildTimeline(records).tenures.filter((tenure) => keys.has(tenure.post.key));
  const kept = new Set(derived.map((tenure) => tenure.id));
  return {
    // Every derived row is written: the rows carry their links, and comparing them would save little.
    upsert: derived,
    links: derived.map((tenure) => ({
      tenure_id: tenure.id,
      predecessor_id: tenure.predecessor_id,
      successor_id: tenure.successor_id,
    })),
    delete: stored
      .filter((tenure) => keys.has(tenure.post.key) && !kept.has(tenure.id))
      .map((tenure) => tenure.id)
      .sort(),
  };
}
