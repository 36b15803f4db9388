import type { Entity } from '../model/gazette.model';

/**
 * Greedy interval selection: candidates are taken best first (`better` < 0 means a is preferred)
 * and dropped when they overlap one already taken. Kept spans are held sorted by start so each
 * check is a binary search, which keeps long documents linear-ish.
 */
export function keepNonOverlapping(candidates: Entity[], better: (a: Entity, b: Entity) => number): Entity[] {
  const ranked = [...candidates].sort(better);
  const kept: Entity[] = [];
  for (const e of ranked) {
    let lo = 0;
    let hi = kept.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (kept[mid].start < e.start) lo = mid + 1;
      else hi = mid;
    }
    const before = kept[lo - 1];
    const after = kept[lo];
    if (before && before.end > e.start) continue;
    if (after && after.start < e.end) continue;
    kept.splice(lo, 0, e);
  }
  return kept;
}

/** Longer span first, then the earlier one. */
export function longerFirst(a: Entity, b: Entity): number {
  return b.end - b.start - (a.end - a.start) || a.start - b.start;
}
