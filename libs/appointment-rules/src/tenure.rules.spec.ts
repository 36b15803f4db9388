import { buildTimeline } from './timeline.reducer';
import { postHolders } from './timeline.views';
import { tenureId } from './tenure-id';
import type { ApplicableRecord, Tenure } from './timeline.model';

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
    doc_number: `吕政任〔2023〕${document_id}号`,
    person,
    action,
    method: action,
    position,
    qualifiers: [],
    signed_on,
  };
}

const appoint = (person: string, position: string, date: string | null, doc: string) =>
  record(person, 'appoint', position, date, doc);
const remove = (person: string, position: string, date: string | null, doc: string) =>
  record(person, 'remove', position, date, doc);

function byPerson(tenures: Tenure[], person: string): Tenure[] {
  return tenures.filter((tenure) => tenure.person === person);
}

describe('tenure rules', () => {
  it('starts a tenure at the appointment and ends it at the removal', () => {
    const { tenures } = buildTimeline([
      appoint('张三', '市财政局局长', '2020-03-01', '1'),
      remove('张三', '市财政局局长', '2023-04-22', '4'),
    ]);
    expect(tenures).toHaveLength(1);
    expect(tenures[0]).toMatchObject({
      id: tenureId('张三', '吕梁市财政局局长', '2020-03-01'),
      person: '张三',
      start: '2020-03-01',
      end: '2023-04-22',
      status: 'ended',
      start_doc: '1',
      start_doc_number: '吕政任〔2023〕1号',
      end_doc: '4',
      end_doc_number: '吕政任〔2023〕4号',
    });
    expect(tenures[0].evidence.map((item) => item.action)).toEqual(['appoint', 'remove']);
  });

  it('keeps a tenure current while no removal is recorded', () => {
    const { tenures } = buildTimeline([appoint('张三', '市财政局局长', '2020-03-01', '1')]);
    expect(tenures[0]).toMatchObject({ status: 'current', end: null, end_doc: null });
  });

  it('creates an ended tenure of unknown start for a removal without appointment', () => {
    const { tenures } = buildTimeline([remove('王吉', '市政府副秘书长', '2023-04-22', '4')]);
    expect(tenures).toEqual([
      expect.objectContaining({
        id: tenureId('王吉', '吕梁市人民政府副秘书长', null),
        start: null,
        end: '2023-04-22',
        status: 'ended',
        start_doc: null,
        end_doc: '4',
      }),
    ]);
  });

  it('does not end a deputy when another deputy is appointed', () => {
    const { tenures } = buildTimeline([
      appoint('甲', '市财政局副局长', '2020-01-01', '1'),
      appoint('乙', '市财政局副局长', '2021-01-01', '2'),
    ]);
    expect(tenures.map((tenure) => [tenure.person, tenure.status, tenure.end, tenure.successor_id])).toEqual([
      ['甲', 'current', null, null],
      ['乙', 'current', null, null],
    ]);
  });

  it('links a deputy vacancy only when the dates pair it one to one', () => {
    const { tenures } = buildTimeline([
      remove('甲', '市财政局副局长', '2023-04-22', '4'),
      appoint('乙', '市财政局副局长', '2023-04-22', '4'),
      remove('丙', '市商务局副局长', '2023-04-22', '4'),
      appoint('丁', '市商务局副局长', '2023-04-22', '4'),
      appoint('戊', '市商务局副局长', '2023-04-22', '4'),
    ]);
    const [removed] = byPerson(tenures, '甲');
    const [appointed] = byPerson(tenures, '乙');
    expect(removed.successor_id).toBe(appointed.id);
    expect(appointed.predecessor_id).toBe(removed.id);
    for (const person of ['丙', '丁', '戊']) {
      expect(byPerson(tenures, person)[0]).toMatchObject({ predecessor_id: null, successor_id: null });
    }
  });

  it('does not pair a deputy vacancy with an appointment after a later appointment round', () => {
    const { tenures } = buildTimeline([
      remove('甲', '市财政局副局长', '2020-01-01', '1'),
      appoint('乙', '市财政局副局长', '2020-03-01', '2'),
      appoint('丙', '市财政局副局长', '2020-03-01', '2'),
      appoint('丁', '市财政局副局长', '2021-01-01', '3'),
    ]);
    expect(tenures.every((tenure) => tenure.predecessor_id === null && tenure.successor_id === null)).toBe(true);
  });

  it('links a replaced principal without inventing an end, and marks it unknown', () => {
    const { tenures } = buildTimeline([
      appoint('甲', '市财政局局长', '2019-05-01', '1'),
      appoint('乙', '市财政局局长', '2023-04-22', '4'),
    ]);
    const [replaced] = byPerson(tenures, '甲');
    const [appointed] = byPerson(tenures, '乙');
    expect(replaced).toMatchObject({ status: 'unknown', end: null, end_doc: null, successor_id: appointed.id });
    expect(appointed).toMatchObject({ status: 'current', predecessor_id: replaced.id });
  });

  it('links principals by dates: removed at or before the next start', () => {
    const { tenures } = buildTimeline([
      remove('刘晋萍', '吕梁经济技术开发区管委会主任', '2023-04-22', '4'),
      appoint('尹新明', '吕梁经济技术开发区管委会主任', '2023-04-22', '4'),
      remove('李兴平', '兴县“四·八”烈士纪念馆馆长', '2023-04-22', '4'),
      appoint('张欣', '兴县“四·八”烈士纪念馆馆长', '2023-05-19', '5'),
    ]);
    expect(byPerson(tenures, '刘晋萍')[0].successor_id).toBe(byPerson(tenures, '尹新明')[0].id);
    expect(byPerson(tenures, '张欣')[0].predecessor_id).toBe(byPerson(tenures, '李兴平')[0].id);
  });

  it('links a principal removed only after the successor was appointed (late removal notice)', () => {
    const { tenures } = buildTimeline([
      appoint('甲', '市财政局局长', '2019-05-01', '1'),
      appoint('乙', '市财政局局长', '2023-04-22', '4'),
      remove('甲', '市财政局局长', '2023-05-19', '5'),
    ]);
    expect(byPerson(tenures, '甲')[0]).toMatchObject({ status: 'ended', successor_id: byPerson(tenures, '乙')[0].id });
  });

  it('does not treat two same-day appointments to a principal post as a succession', () => {
    const { tenures } = buildTimeline([
      appoint('甲', '市财政局局长', '2023-04-22', '4'),
      appoint('乙', '市财政局局长', '2023-04-22', '4'),
    ]);
    expect(tenures.map((tenure) => [tenure.status, tenure.predecessor_id, tenure.successor_id])).toEqual([
      ['current', null, null],
      ['current', null, null],
    ]);
  });

  it('reads a re-appointment while in office as a confirmation of the same tenure', () => {
    const { tenures } = buildTimeline([
      appoint('甲', '市财政局局长', '2020-01-01', '1'),
      appoint('甲', '市财政局局长', '2021-01-01', '2'),
      remove('甲', '市财政局局长', '2023-01-01', '3'),
    ]);
    expect(tenures).toHaveLength(1);
    expect(tenures[0]).toMatchObject({ start: '2020-01-01', start_doc: '1', end_doc: '3', status: 'ended' });
    expect(tenures[0].evidence).toHaveLength(3);
  });

  it('opens a second tenure when a removed person is appointed again', () => {
    const { tenures } = buildTimeline([
      appoint('甲', '市财政局局长', '2018-01-01', '1'),
      remove('甲', '市财政局局长', '2020-01-01', '2'),
      appoint('甲', '市财政局局长', '2022-01-01', '3'),
    ]);
    expect(tenures.map((tenure) => [tenure.start, tenure.end, tenure.status])).toEqual([
      ['2018-01-01', '2020-01-01', 'ended'],
      ['2022-01-01', null, 'current'],
    ]);
    expect(tenures[0].successor_id).toBe(tenures[1].id);
  });

  it('keeps a second removal without appointment between as evidence of the first', () => {
    const { tenures } = buildTimeline([
      remove('甲', '市财政局局长', '2020-01-01', '1'),
      remove('甲', '市财政局局长', '2021-01-01', '2'),
    ]);
    expect(tenures).toHaveLength(1);
    expect(tenures[0]).toMatchObject({ start: null, end: '2020-01-01', end_doc: '1' });
    expect(tenures[0].evidence.map((item) => item.document_id)).toEqual(['1', '2']);
  });

  it('gives an undated appointment to the latest tenure of the person', () => {
    const { tenures } = buildTimeline([
      remove('甲', '市财政局局长', '2021-01-01', '2'),
      appoint('甲', '市财政局局长', null, '1'),
    ]);
    expect(tenures).toHaveLength(1);
    expect(tenures[0]).toMatchObject({ start: null, start_doc: '1', end: '2021-01-01', status: 'ended' });
  });

  it('ends a tenure at a removal of unknown date', () => {
    const { tenures } = buildTimeline([
      appoint('甲', '市财政局局长', '2020-01-01', '1'),
      remove('甲', '市财政局局长', null, '2'),
    ]);
    expect(tenures[0]).toMatchObject({ start: '2020-01-01', end: null, end_doc: '2', status: 'ended' });
  });

  it('ignores nominations: a nominee holds nothing yet', () => {
    const nomination = { ...appoint('甲', '市财政局局长', '2020-01-01', '1'), method: 'nominate' };
    expect(buildTimeline([nomination]).tenures).toEqual([]);
  });

  it('treats 市政府 and 市人民政府 as one post', () => {
    const timeline = buildTimeline([
      appoint('甲', '市人民政府副秘书长', '2020-01-01', '1'),
      remove('甲', '市政府副秘书长', '2023-04-22', '4'),
    ]);
    expect(postHolders(timeline, '吕梁市人民政府副秘书长').past).toEqual([
      expect.objectContaining({ person: '甲', start: '2020-01-01', end: '2023-04-22' }),
    ]);
  });

  it('does not merge posts of different regions', () => {
    const other = { ...appoint('甲', '市财政局局长', '2020-01-01', '9'), region: '汾阳市' };
    const { tenures } = buildTimeline([appoint('甲', '市财政局局长', '2020-01-01', '1'), other]);
    expect(tenures.map((tenure) => tenure.post.key).sort()).toEqual(['吕梁市财政局局长', '汾阳市财政局局长']);
  });
});
