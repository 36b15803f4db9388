import { buildTimeline } from './timeline.reducer';
import { personTimeline, postHolders } from './timeline.views';
import type { ApplicableRecord } from './timeline.model';

function record(person: string, action: 'appoint' | 'remove', position: string, signed_on: string | null, doc: string) {
  const result: ApplicableRecord = {
    document_id: doc,
    region: '中阳县',
    doc_number: null,
    person,
    action,
    method: action,
    position,
    qualifiers: [],
    signed_on,
  };
  return result;
}

const TIMELINE = buildTimeline([
  record('甲', 'appoint', '县财政局局长', '2018-01-01', '1'),
  record('乙', 'appoint', '县财政局局长', '2021-01-01', '2'),
  record('甲', 'appoint', '县审计局局长', '2021-01-01', '2'),
  record('甲', 'remove', '县审计局局长', '2023-01-01', '3'),
  record('甲', 'appoint', '县政府副县长', '2023-01-01', '3'),
  record('丙', 'remove', '县财政局局长', '2016-01-01', '0'),
]);

describe('personTimeline', () => {
  it('lists current posts and past ones, in time order', () => {
    const view = personTimeline(TIMELINE, '甲');
    expect(view.current.map((tenure) => tenure.post.key)).toEqual(['中阳县人民政府副县长']);
    expect(view.past.map((tenure) => [tenure.post.key, tenure.status])).toEqual([
      ['中阳县审计局局长', 'ended'],
      ['中阳县财政局局长', 'unknown'],
    ]);
  });

  it('finds a person by the printed name', () => {
    expect(personTimeline(TIMELINE, ' 乙 ').current).toHaveLength(1);
    expect(personTimeline(TIMELINE, '丁')).toEqual({ current: [], past: [] });
  });
});

describe('postHolders', () => {
  it('lists the current holder and the past ones, oldest first', () => {
    const view = postHolders(TIMELINE, '中阳县财政局局长');
    expect(view.current.map((tenure) => tenure.person)).toEqual(['乙']);
    expect(view.past.map((tenure) => [tenure.person, tenure.start, tenure.end])).toEqual([
      ['丙', null, '2016-01-01'],
      ['甲', '2018-01-01', null],
    ]);
    // The chain: 丙 (removed 2016) → 甲 (2018, end not recorded) → 乙 (2021).
    const [previous, replaced] = view.past;
    expect(previous.successor_id).toBe(replaced.id);
    expect(replaced.successor_id).toBe(view.current[0].id);
  });

  it('accepts a key with layout spaces', () => {
    expect(postHolders(TIMELINE, '中阳县财政局 局长').current).toHaveLength(1);
  });
});
