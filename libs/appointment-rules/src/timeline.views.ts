import { normaliseName } from './name.normaliser';
import { compareTenures } from './timeline.reducer';
import type { Tenure, TimelineSnapshot } from './timeline.model';

/**
 * Read views over a timeline. 'unknown' tenures are listed as past: someone else has since been
 * appointed to the single-holder post; the row's status still says the end was not recorded.
 * Both lists are in time order (start, or end when the start is unknown; undated last).
 */
export interface TenureView {
  current: Tenure[];
  past: Tenure[];
}

function split(tenures: Tenure[]): TenureView {
  const ordered = [...tenures].sort(compareTenures);
  return {
    current: ordered.filter((tenure) => tenure.status === 'current'),
    past: ordered.filter((tenure) => tenure.status !== 'current'),
  };
}

/** The posts a person held, by name as printed or normalised. */
export function personTimeline(timeline: TimelineSnapshot, person: string): TenureView {
  const name = normaliseName(person);
  return split(timeline.tenures.filter((tenure) => tenure.person === name));
}

/** The holders of a post, by `Post.key` (normalised again, so a printed full name also works). */
export function postHolders(timeline: TimelineSnapshot, postKey: string): TenureView {
  const key = normaliseName(postKey);
  return split(timeline.tenures.filter((tenure) => tenure.post.key === key));
}
