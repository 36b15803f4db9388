import type { AppointmentRecord } from '@gazette-watch/parser';
import { AppointmentRecordError } from './record.error';
import { buildTimeline } from './timeline.reducer';
import type { ApplicableRecord } from './timeline.model';

/** The service builds records from the parser's output; this must keep compiling. */
function applicable(record: AppointmentRecord, document_id: string, region: string | null): ApplicableRecord {
  return { ...record, document_id, region };
}

const PARSED: AppointmentRecord = {
  doc_number: '吕政任〔2023〕5号',
  person: '张欣',
  action: 'appoint',
  method: 'appoint',
  position: '兴县“四·八”烈士纪念馆馆长',
  qualifiers: ['试用期一年'],
  notes: [],
  meeting: null,
  meeting_date: null,
  signed_on: '2023-05-19',
  confidence: 0.95,
  reasons: [],
};

describe('ApplicableRecord', () => {
  it('is a parser record plus its document id and region', () => {
    const { tenures } = buildTimeline([applicable(PARSED, 'doc-5', '吕梁市')]);
    expect(tenures[0].evidence).toEqual([
      {
        document_id: 'doc-5',
        doc_number: '吕政任〔2023〕5号',
        action: 'appoint',
        method: 'appoint',
        date: '2023-05-19',
        position: '兴县“四·八”烈士纪念馆馆长',
        qualifiers: ['试用期一年'],
      },
    ]);
  });

  it.each([
    [{ signed_on: '2023年5月19日' }, /ISO date/],
    [{ person: ' ' }, /without person/],
    [{ position: '' }, /without position/],
    [{ document_id: '' }, /without document_id/],
  ])('rejects a record with %j', (change, message) => {
    const bad = { ...applicable(PARSED, 'doc-5', '吕梁市'), ...change };
    expect(() => buildTimeline([bad])).toThrow(AppointmentRecordError);
    expect(() => buildTimeline([bad])).toThrow(message);
  });
});
