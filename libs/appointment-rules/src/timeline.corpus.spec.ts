import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { AppointmentRecord } from '@gazette-watch/parser';
import { applyChanges, applyRecords, buildTimeline } from './timeline.reducer';
import { personTimeline, postHolders } from './timeline.views';
import type { ApplicableRecord, Tenure, Timeline } from './timeline.model';

/** The gold files hold a subset of the parser's fields; the document supplies the date. */
interface GoldGazette {
  gazette: { region: string | null };
  documents: { doc_number: string | null; signed_on: string | null }[];
  appointments: Pick<AppointmentRecord, 'doc_number' | 'person' | 'action' | 'position' | 'qualifiers'>[];
}

function goldRecords(name: string): ApplicableRecord[] {
  const file = path.join(__dirname, '../../../samples/gold', `${name}.json`);
  const gold = JSON.parse(readFileSync(file, 'utf8')) as GoldGazette;
  return gold.appointments.map((entry) => {
    const document = gold.documents.find((doc) => doc.doc_number === entry.doc_number);
    return {
      ...entry,
      method: entry.action,
      document_id: `${name}/${entry.doc_number}`,
      region: gold.gazette.region,
      signed_on: document?.signed_on ?? null,
    };
  });
}

const RECORDS = [...goldRecords('lvliang-2023'), ...goldRecords('fenyang-2023-4')];

function holder(timeline: Timeline, person: string): Tenure {
  const { current, past } = personTimeline(timeline, person);
  expect(current.length + past.length).toBe(1);
  return [...current, ...past][0];
}

describe('timeline of the gold appointments (lvliang-2023, fenyang-2023-4)', () => {
  const timeline = buildTimeline(RECORDS);

  it('reads all 40 records, each into its own tenure with its document date', () => {
    expect(RECORDS).toHaveLength(40);
    expect(RECORDS.every((record) => record.signed_on !== null)).toBe(true);
    expect(timeline.tenures).toHaveLength(40);
    expect(timeline.tenures.filter((tenure) => tenure.status === 'current')).toHaveLength(19);
    expect(timeline.tenures.filter((tenure) => tenure.status === 'ended')).toHaveLength(21);
  });

  it('gives 市政府副秘书长 in 吕梁市 three ended tenures of unknown start', () => {
    const holders = postHolders(timeline, '吕梁市人民政府副秘书长');
    expect(holders.current).toEqual([]);
    expect(holders.past.map((tenure) => [tenure.person, tenure.start, tenure.end, tenure.status])).toEqual([
      ['王吉', null, '2023-04-22', 'ended'],
      ['吴建军', null, '2023-05-19', 'ended'],
      ['高博', null, '2023-05-19', 'ended'],
    ]);
    expect(holders.past.every((tenure) => tenure.post.organisation_full === '吕梁市人民政府')).toBe(true);
    expect(holders.past.every((tenure) => tenure.predecessor_id === null && tenure.successor_id === null)).toBe(true);
  });

  it('links principals replaced in the same or a later notice', () => {
    expect(holder(timeline, '刘晋萍').successor_id).toBe(holder(timeline, '尹新明').id);
    expect(holder(timeline, '李兴平').successor_id).toBe(holder(timeline, '张欣').id);
    expect(holder(timeline, '司海滨').successor_id).toBe(holder(timeline, '李建忠').id);
    expect(holder(timeline, '张欣')).toMatchObject({ start: '2023-05-19', status: 'current' });
  });

  it('links deputies only where one left and one came', () => {
    expect(holder(timeline, '张映楠').successor_id).toBe(holder(timeline, '武胜强').id);
    expect(holder(timeline, '李华斌').successor_id).toBe(holder(timeline, '张学强').id);
    expect(holder(timeline, '赵刚').successor_id).toBe(holder(timeline, '杜晓刚').id);
    const fangshan = postHolders(timeline, '方山生态文化旅游示范区管委会副主任');
    expect(fangshan.current.map((tenure) => tenure.person)).toEqual(['陈冲', '韩建忠']);
    expect(fangshan.past.map((tenure) => tenure.person)).toEqual(['杨乃平']);
    expect([...fangshan.current, ...fangshan.past].every((tenure) => tenure.predecessor_id === null)).toBe(true);
  });

  it('keeps four concurrent 副理事长 and the 理事会 posts apart from the 联合会 ones', () => {
    const deputies = postHolders(timeline, '吕梁市残疾人联合会第八届执行理事会副理事长');
    expect(deputies.current.map((tenure) => tenure.person).sort()).toEqual(
      ['车唤连', '郭小强', '陈红艳', '高民'].sort(),
    );
    expect(postHolders(timeline, '吕梁市残疾人联合会理事长').past.map((tenure) => tenure.person)).toEqual(['白庆春']);
    expect(holder(timeline, '王海涛')).toMatchObject({ predecessor_id: null, status: 'current' });
  });

  it('resolves each gazette against its own region', () => {
    expect(holder(timeline, '冯国华').post.key).toBe('汾阳市人民政府办公室副主任');
    expect(holder(timeline, '李建忠').post.key).toBe('汾阳市人民政府国防动员办公室主任');
    expect(holder(timeline, '武丽云').post).toEqual({
      organisation: '市工业产业发展中心（市工业技术研究所）',
      organisation_full: '吕梁市工业产业发展中心（市工业技术研究所）',
      title: '主任（所长）',
      key: '吕梁市工业产业发展中心(市工业技术研究所)主任(所长)',
    });
  });

  it('comes out the same for every order of the four documents, and again on replay', () => {
    const documents = [...new Set(RECORDS.map((record) => record.document_id))].map((id) =>
      RECORDS.filter((record) => record.document_id === id),
    );
    expect(documents).toHaveLength(4);
    const orders: ApplicableRecord[][][] = [];
    const permute = (done: ApplicableRecord[][], rest: ApplicableRecord[][]): void => {
      if (rest.length === 0) orders.push(done);
      rest.forEach((doc, i) => permute([...done, doc], [...rest.slice(0, i), ...rest.slice(i + 1)]));
    };
    permute([], documents);
    expect(orders).toHaveLength(24);
    for (const order of orders) {
      let state: Timeline = { tenures: [] };
      for (const records of order) state = applyChanges(state, applyRecords(state, records));
      expect(state).toEqual(timeline);
      for (const records of order) expect(applyRecords(state, records)).toEqual({ upsert: [], links: [], delete: [] });
    }
  });
});
