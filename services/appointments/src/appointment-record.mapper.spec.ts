import { appointmentId, type AppointmentRecordData } from '@gazette-watch/contracts';
import {
  appointmentItem,
  applicableRecord,
  carriesAppointments,
  mapRecords,
  personKey,
  personRows,
  postRows,
  recordedPayload,
  type ExtractedDocument,
} from './appointment-record.mapper';

const GAZETTE = 'a'.repeat(64);

function record(overrides: Partial<AppointmentRecordData> = {}): AppointmentRecordData {
  return {
    doc_number: '吕政任〔2023〕4号',
    person: '王吉',
    action: 'remove',
    method: 'remove',
    position: '市政府副秘书长',
    qualifiers: [],
    notes: [],
    meeting: null,
    meeting_date: null,
    signed_on: '2023-04-22',
    confidence: 0.9,
    reasons: ['免去'],
    ...overrides,
  };
}

function documentWith(
  appointments: AppointmentRecordData[],
  overrides: Partial<ExtractedDocument> = {},
): ExtractedDocument {
  return {
    document_id: `${GAZETTE}:17`,
    gazette_id: GAZETTE,
    category: 'personnel',
    region: '吕梁市',
    appointments,
    pipeline_version: 'parser@0.1.0',
    ...overrides,
  };
}

describe('carriesAppointments', () => {
  it('takes personnel documents and any document with records, and nothing else', () => {
    expect(carriesAppointments({ category: 'personnel', appointments: [] })).toBe(true);
    expect(carriesAppointments({ category: 'other', appointments: [record()] })).toBe(true);
    expect(carriesAppointments({ category: 'regulation', appointments: [] })).toBe(false);
    expect(carriesAppointments({ category: 'other', appointments: [] })).toBe(false);
  });
});

describe('mapRecords', () => {
  it('keys each record by appointmentId and splits its position with the region', () => {
    const document = documentWith([record()]);
    const [mapped] = mapRecords(document);
    expect(mapped.row).toEqual({
      appointmentId: appointmentId(document.document_id, '王吉', 'remove', '市政府副秘书长'),
      documentId: document.document_id,
      gazetteId: GAZETTE,
      region: '吕梁市',
      person: '王吉',
      action: 'remove',
      method: 'remove',
      position: '市政府副秘书长',
      organisation: '吕梁市人民政府',
      title: '副秘书长',
      postKey: '吕梁市人民政府副秘书长',
      qualifiers: [],
      notes: [],
      meeting: null,
      meetingDate: null,
      docNumber: '吕政任〔2023〕4号',
      signedOn: '2023-04-22',
      confidence: 0.9,
      reasons: ['免去'],
      pipelineVersion: 'parser@0.1.0',
    });
    expect(mapped.post).toMatchObject({ organisation: '市政府', key: '吕梁市人民政府副秘书长' });
  });

  it('keeps one of two listings of the same fact, so one statement never upserts a row twice', () => {
    const mapped = mapRecords(
      documentWith([record(), record({ person: '王 吉', reasons: ['again'] }), record({ person: '高博' })]),
    );
    expect(mapped.map((m) => [m.record.person, m.record.reasons])).toEqual([
      ['王吉', ['免去']],
      ['高博', ['免去']],
    ]);
  });
});

describe('personRows and postRows', () => {
  it('gives one person per region and name, with the first and last dates of their records', () => {
    const document = documentWith([
      record({ signed_on: '2023-05-19' }),
      record({ action: 'appoint', method: 'appoint', position: '市财政局局长', signed_on: '2023-04-01' }),
      record({ person: '高博', signed_on: null }),
    ]);
    expect(personRows(document, mapRecords(document))).toEqual([
      {
        personKey: '吕梁市/王吉',
        name: '王吉',
        region: '吕梁市',
        firstSeenOn: '2023-04-01',
        lastSeenOn: '2023-05-19',
        pipelineVersion: document.pipeline_version,
      },
      {
        personKey: '吕梁市/高博',
        name: '高博',
        region: '吕梁市',
        firstSeenOn: null,
        lastSeenOn: null,
        pipelineVersion: document.pipeline_version,
      },
    ]);
    expect(personKey(null, ' 王  吉')).toBe('/王吉');
  });

  it('gives one row per post key, sorted by key', () => {
    const document = documentWith([
      record({ position: '市政府副秘书长' }),
      record({ person: '高博', position: '吕梁市人民政府副秘书长' }),
      record({ person: '刘晋萍', position: '吕梁经济技术开发区管委会主任' }),
    ]);
    expect(postRows(document, mapRecords(document))).toEqual([
      {
        postKey: '吕梁市人民政府副秘书长',
        organisation: '市政府',
        organisationFull: '吕梁市人民政府',
        title: '副秘书长',
        region: '吕梁市',
        pipelineVersion: document.pipeline_version,
      },
      {
        postKey: '吕梁经济技术开发区管委会主任',
        organisation: '吕梁经济技术开发区管委会',
        organisationFull: '吕梁经济技术开发区管委会',
        title: '主任',
        region: '吕梁市',
        pipelineVersion: document.pipeline_version,
      },
    ]);
  });
});

describe('applicableRecord', () => {
  it('passes a day date to the rules and withholds a month, which they cannot place', () => {
    const document = documentWith([]);
    expect(applicableRecord(document, record())).toMatchObject({
      document_id: document.document_id,
      signed_on: '2023-04-22',
    });
    expect(applicableRecord(document, record({ signed_on: '2023-04' })).signed_on).toBeNull();
  });
});

describe('recordedPayload and appointmentItem', () => {
  it('carry the row with its resolved organisation', () => {
    const [{ row }] = mapRecords(documentWith([record({ qualifiers: ['到龄退休'] })]));
    expect(recordedPayload(row)).toEqual({
      appointment_id: row.appointmentId,
      document_id: row.documentId,
      gazette_id: GAZETTE,
      region: '吕梁市',
      person: '王吉',
      action: 'remove',
      method: 'remove',
      position: '市政府副秘书长',
      organisation: '吕梁市人民政府',
      qualifiers: ['到龄退休'],
      notes: [],
      doc_number: '吕政任〔2023〕4号',
      signed_on: '2023-04-22',
      document_title: null,
      doc_type: null,
      publisher: null,
      issuers: [],
      pipeline_version: 'parser@0.1.0',
    });
    const notice = {
      title: '关于王吉免职的通知',
      doc_type: '通知',
      publisher: '吕梁市人民政府',
      issuers: ['吕梁市人民政府'],
    };
    expect(recordedPayload(row, notice)).toMatchObject({
      document_title: '关于王吉免职的通知',
      doc_type: '通知',
      publisher: '吕梁市人民政府',
      issuers: ['吕梁市人民政府'],
    });
    expect(appointmentItem(row)).toMatchObject({ title: '副秘书长', post_key: '吕梁市人民政府副秘书长' });
  });
});
