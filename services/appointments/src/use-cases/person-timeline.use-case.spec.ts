import { buildTimeline, type ApplicableRecord } from '@gazette-watch/appointment-rules';
import { compareCareer } from './person-timeline.use-case';
import { postKeyOf } from './post-holders.use-case';

function record(overrides: Partial<ApplicableRecord>): ApplicableRecord {
  return {
    document_id: `${'c'.repeat(64)}:1`,
    region: '吕梁市',
    doc_number: null,
    person: '王吉',
    action: 'appoint',
    method: 'appoint',
    position: '市商务局局长',
    qualifiers: [],
    signed_on: '2023-01-01',
    ...overrides,
  };
}

describe('compareCareer', () => {
  it('orders by start with unknown starts first, then by end (open last)', () => {
    const { tenures } = buildTimeline([
      record({ position: '市商务局局长', signed_on: '2023-03-01' }),
      record({ position: '市财政局副局长', action: 'remove', method: 'remove', signed_on: '2023-02-01' }),
      record({ position: '市政府副秘书长', signed_on: '2022-05-01' }),
      record({ position: '市政府副秘书长', action: 'remove', method: 'remove', signed_on: '2023-03-01' }),
      record({ position: '市卫生健康委员会主任', signed_on: '2022-05-01' }),
    ]);
    expect([...tenures].sort(compareCareer).map((t) => [t.post.title, t.start, t.end])).toEqual([
      ['副局长', null, '2023-02-01'],
      ['副秘书长', '2022-05-01', '2023-03-01'],
      ['主任', '2022-05-01', null],
      ['局长', '2023-03-01', null],
    ]);
  });
});

describe('postKeyOf', () => {
  it('resolves a printed position with the region to the key the records got', () => {
    expect(postKeyOf({ position: '市政府副秘书长', region: '吕梁市' })).toBe('吕梁市人民政府副秘书长');
    expect(postKeyOf({ post_key: '吕梁市人民政府 副秘书长' })).toBe('吕梁市人民政府副秘书长');
    expect(() => postKeyOf({})).toThrow('post.holders needs a post_key or a position');
  });
});
