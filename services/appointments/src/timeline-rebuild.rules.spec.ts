import { applyChanges, applyRecords, buildTimeline, type ApplicableRecord } from '@gazette-watch/appointment-rules';
import { rebuildPosts } from './timeline-rebuild.rules';

const G = 'a'.repeat(64);

function record(overrides: Partial<ApplicableRecord>): ApplicableRecord {
  return {
    document_id: `${G}:1`,
    region: '吕梁市',
    doc_number: null,
    person: '王吉',
    action: 'appoint',
    method: 'appoint',
    position: '市财政局局长',
    qualifiers: [],
    signed_on: '2021-03-01',
    ...overrides,
  };
}

const appointed = record({});
const removed = record({ document_id: `${G}:2`, action: 'remove', method: 'remove', signed_on: '2023-04-22' });
const successor = record({ document_id: `${G}:2`, person: '高博', signed_on: '2023-04-22' });
const elsewhere = record({ document_id: `${G}:3`, person: '刘晋萍', position: '市教育局局长' });
const FINANCE = '吕梁市财政局局长';

describe('rebuildPosts', () => {
  it('gives the tenures the remaining records would have given from the start', () => {
    const stored = buildTimeline([appointed, removed, successor, elsewhere]).tenures;
    const changes = rebuildPosts([FINANCE], stored, [appointed, successor]);
    const after = applyChanges({ tenures: stored }, changes).tenures;
    expect(after).toEqual(buildTimeline([appointed, successor, elsewhere]).tenures);
  });

  it('deletes the tenures of a post left without records, and leaves other posts alone', () => {
    const stored = buildTimeline([appointed, elsewhere]).tenures;
    const changes = rebuildPosts([FINANCE], stored, []);
    expect(changes.upsert).toEqual([]);
    expect(changes.delete).toEqual(stored.filter((t) => t.post.key === FINANCE).map((t) => t.id));
    expect(applyChanges({ tenures: stored }, changes).tenures).toEqual(buildTimeline([elsewhere]).tenures);
  });

  it('agrees with applying the records one document at a time when nothing was removed', () => {
    const first = applyChanges({ tenures: [] }, applyRecords({ tenures: [] }, [appointed]));
    const incremental = applyChanges(first, applyRecords(first, [removed, successor])).tenures;
    const rebuilt = applyChanges(
      first,
      rebuildPosts([FINANCE], first.tenures, [appointed, removed, successor]),
    ).tenures;
    expect(rebuilt).toEqual(incremental);
  });
});
