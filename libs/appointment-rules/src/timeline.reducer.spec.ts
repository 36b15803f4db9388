import fc from 'fast-check';
import { applyChanges, applyRecords, buildTimeline } from './timeline.reducer';
import { tenureId } from './tenure-id';
import type { ApplicableRecord, Tenure, Timeline, TimelineSnapshot } from './timeline.model';

function record(
  person: string,
  action: 'appoint' | 'remove',
  position: string,
  signed_on: string | null,
  document_id: string,
): ApplicableRecord {
  return {
    document_id,
    region: '吕梁市',
    doc_number: null,
    person,
    action,
    method: action,
    position,
    qualifiers: [],
    signed_on,
  };
}

/** Four documents about two posts, whose meaning depends on date order, not arrival order. */
const DOCUMENTS: ApplicableRecord[][] = [
  [
    record('甲', 'appoint', '市财政局局长', '2019-01-10', 'd1'),
    record('丙', 'appoint', '市财政局副局长', '2019-01-10', 'd1'),
  ],
  [
    record('乙', 'appoint', '市财政局局长', '2021-06-01', 'd2'),
    record('丁', 'appoint', '市财政局副局长', '2021-06-01', 'd2'),
  ],
  [
    record('甲', 'remove', '市财政局局长', '2021-05-20', 'd3'),
    record('丙', 'remove', '市财政局副局长', '2021-05-20', 'd3'),
  ],
  [record('戊', 'remove', '市政府副秘书长', '2018-01-01', 'd4'), record('甲', 'appoint', '市财政局局长', null, 'd0')],
];

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
  );
}

/** What the service does: one document at a time, each against the store as it stands. */
function processInOrder(documents: ApplicableRecord[][], start: TimelineSnapshot = { tenures: [] }): Timeline {
  let timeline: Timeline = { tenures: [...start.tenures] };
  for (const records of documents) timeline = applyChanges(timeline, applyRecords(timeline, records));
  return timeline;
}

describe('applyRecords', () => {
  it('reports new tenures as upserts with their links', () => {
    const changes = applyRecords({ tenures: [] }, [
      record('刘晋萍', 'remove', '吕梁经济技术开发区管委会主任', '2023-04-22', 'd4'),
      record('尹新明', 'appoint', '吕梁经济技术开发区管委会主任', '2023-04-22', 'd4'),
    ]);
    expect(changes.upsert.map((tenure) => tenure.person)).toEqual(['刘晋萍', '尹新明']);
    expect(changes.delete).toEqual([]);
    const [removed, appointed] = changes.upsert;
    expect(changes.links).toEqual([
      { tenure_id: removed.id, predecessor_id: null, successor_id: appointed.id },
      { tenure_id: appointed.id, predecessor_id: removed.id, successor_id: null },
    ]);
  });

  it('changes nothing when the same records are applied again', () => {
    const records = DOCUMENTS.flat();
    const once = applyChanges({ tenures: [] }, applyRecords({ tenures: [] }, records));
    expect(applyRecords(once, records)).toEqual({ upsert: [], links: [], delete: [] });
    for (const document of DOCUMENTS) {
      expect(applyRecords(once, document)).toEqual({ upsert: [], links: [], delete: [] });
    }
  });

  it('changes nothing when a stored row comes back with its keys in another order', () => {
    const once = buildTimeline(DOCUMENTS[0]);
    const reversed = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(reversed)
        : value !== null && typeof value === 'object'
          ? Object.fromEntries(
              Object.entries(value)
                .reverse()
                .map(([key, inner]) => [key, reversed(inner)]),
            )
          : value;
    const reread = { tenures: once.tenures.map((tenure) => reversed(tenure) as Tenure) };
    expect(Object.keys(reread.tenures[0])[0]).toBe('evidence');
    expect(applyRecords(reread, DOCUMENTS[0])).toEqual({ upsert: [], links: [], delete: [] });
  });

  it('replaces a tenure of unknown start once its appointment turns up', () => {
    const removal = [record('王吉', 'remove', '市政府副秘书长', '2023-04-22', 'd4')];
    const first = applyChanges({ tenures: [] }, applyRecords({ tenures: [] }, removal));
    expect(first.tenures[0].id).toBe(tenureId('王吉', '吕梁市人民政府副秘书长', null));

    const changes = applyRecords(first, [record('王吉', 'appoint', '市人民政府副秘书长', '2016-08-01', 'd0')]);
    expect(changes.delete).toEqual([tenureId('王吉', '吕梁市人民政府副秘书长', null)]);
    expect(changes.upsert).toEqual([
      expect.objectContaining({
        id: tenureId('王吉', '吕梁市人民政府副秘书长', '2016-08-01'),
        start: '2016-08-01',
        end: '2023-04-22',
        status: 'ended',
      }),
    ]);
  });

  it('updates the earlier holder when a later appointment arrives first (out of order)', () => {
    const later = applyChanges({ tenures: [] }, applyRecords({ tenures: [] }, DOCUMENTS[1]));
    const changes = applyRecords(later, DOCUMENTS[0]);
    const principal = changes.upsert.find((tenure) => tenure.person === '甲');
    expect(principal).toMatchObject({
      status: 'unknown',
      successor_id: tenureId('乙', '吕梁市财政局局长', '2021-06-01'),
    });
    expect(changes.links.map((change) => change.tenure_id)).toContain(tenureId('乙', '吕梁市财政局局长', '2021-06-01'));
  });

  it('only touches the posts the records name', () => {
    const timeline = buildTimeline(DOCUMENTS.flat());
    const changes = applyRecords(timeline, [record('己', 'appoint', '市商务局局长', '2023-01-01', 'd9')]);
    expect(changes.upsert.map((tenure) => tenure.post.key)).toEqual(['吕梁市商务局局长']);
    expect(changes.delete).toEqual([]);
  });

  it('gives the same timeline for every arrival order of the documents', () => {
    const expected = buildTimeline(DOCUMENTS.flat());
    expect(expected.tenures.length).toBeGreaterThan(0);
    for (const order of permutations(DOCUMENTS)) {
      expect(processInOrder(order)).toEqual(expected);
    }
  });

  it('gives the same timeline for any batching and order of single records', () => {
    const records = DOCUMENTS.flat();
    const expected = buildTimeline(records);
    fc.assert(
      fc.property(
        fc.shuffledSubarray(records, { minLength: records.length, maxLength: records.length }),
        fc.array(fc.integer({ min: 1, max: 3 }), { minLength: records.length, maxLength: records.length }),
        (shuffled, sizes) => {
          const batches: ApplicableRecord[][] = [];
          for (let i = 0, b = 0; i < shuffled.length; i += sizes[b++]) batches.push(shuffled.slice(i, i + sizes[b]));
          // Replaying one batch a second time must not change the outcome either.
          expect(processInOrder([...batches, batches[0]])).toEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('reads the records through their meaning: 甲 ended, 乙 current, 丁 has no predecessor pairing', () => {
    const { tenures } = buildTimeline(DOCUMENTS.flat());
    const summary = tenures.map((tenure) => [tenure.post.key, tenure.person, tenure.start, tenure.end, tenure.status]);
    expect(summary).toEqual([
      ['吕梁市人民政府副秘书长', '戊', null, '2018-01-01', 'ended'],
      ['吕梁市财政局副局长', '丙', '2019-01-10', '2021-05-20', 'ended'],
      ['吕梁市财政局副局长', '丁', '2021-06-01', null, 'current'],
      ['吕梁市财政局局长', '甲', '2019-01-10', '2021-05-20', 'ended'],
      ['吕梁市财政局局长', '乙', '2021-06-01', null, 'current'],
    ]);
    // One deputy left and one came in the next round: a one-to-one pairing, so they are linked.
    expect(tenures[2].predecessor_id).toBe(tenures[1].id);
    expect(tenures[4].predecessor_id).toBe(tenures[3].id);
    // The undated appointment of 甲 is kept as evidence of the tenure it belongs to.
    expect(tenures[3].evidence.map((item) => item.document_id)).toEqual(['d1', 'd3', 'd0']);
  });
});
