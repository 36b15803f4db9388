import { applyRecords, buildTimeline, type ApplicableRecord } from '@gazette-watch/appointment-rules';
import { tenureOfRow, tenureRow, tenureView } from './tenure-row.mapper';

const DOC4 = `${'b'.repeat(64)}:17`;
const DOC5 = `${'b'.repeat(64)}:18`;

function record(overrides: Partial<ApplicableRecord>): ApplicableRecord {
  return {
    document_id: DOC4,
    region: '吕梁市',
    doc_number: '吕政任〔2023〕4号',
    person: '李兴平',
    action: 'remove',
    method: 'remove',
    position: '兴县“四·八”烈士纪念馆馆长',
    qualifiers: [],
    signed_on: '2023-04-22',
    ...overrides,
  };
}

const RECORDS = [
  record({}),
  record({
    document_id: DOC5,
    doc_number: '吕政任〔2023〕5号',
    person: '张欣',
    action: 'appoint',
    method: 'appoint',
    qualifiers: ['试用期一年'],
    signed_on: '2023-05-19',
  }),
];

describe('tenure rows', () => {
  it('round-trip: stored rows read back are a snapshot the rules find nothing to change in', () => {
    const stored = buildTimeline(RECORDS).tenures.map((tenure) =>
      tenureOfRow(JSON.parse(JSON.stringify(tenureRow(tenure)))),
    );
    expect(applyRecords({ tenures: stored }, RECORDS)).toEqual({ upsert: [], links: [], delete: [] });
  });

  it('show a tenure with its resolved organisation and its links', () => {
    const [removed, appointed] = buildTimeline(RECORDS).tenures;
    expect(tenureView(appointed)).toEqual({
      tenure_id: appointed.id,
      person: '张欣',
      post_key: '兴县“四·八”烈士纪念馆馆长',
      organisation: '兴县“四·八”烈士纪念馆',
      title: '馆长',
      start: '2023-05-19',
      end: null,
      status: 'current',
      start_document_id: DOC5,
      end_document_id: null,
      predecessor_id: removed.id,
      successor_id: null,
    });
  });
});
