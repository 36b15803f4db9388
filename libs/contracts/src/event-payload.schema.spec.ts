import type { z } from 'zod';
import {
  appointmentRecordedPayloadSchema,
  documentExtractedPayloadSchema,
  documentSegmentedPayloadSchema,
  gazetteIngestedPayloadSchema,
  regulationPublishedPayloadSchema,
} from './event-payload.schema';
import { appointmentId, documentId } from './message-id';

const GAZETTE = 'a'.repeat(64);
const OTHER_GAZETTE = 'b'.repeat(64);
const DOCUMENT = documentId(GAZETTE, 3);
const PIPELINE = 'parser@0.1.0';

const ingested = {
  gazette_id: GAZETTE,
  sha256: GAZETTE,
  byte_length: 251_336,
  file_name: 'lvliang-2023.txt',
  media_type: 'text/plain; charset=utf-8',
  source: { region: '吕梁市', url: 'https://www.lvliang.gov.cn/gb/2023-3.pdf', published_on: '2023-06-30' },
  stored_at: '2024-03-01T08:00:00.000Z',
};

const segmented = {
  document_id: DOCUMENT,
  gazette_id: GAZETTE,
  index: 3,
  gazette: {
    publisher: '吕梁市人民政府',
    region: '吕梁市',
    year: 2023,
    issue: '3',
    total_issue: null,
    published_on: null,
  },
  document: {
    title: '吕梁市人民政府关于尹新明等同志任免职的通知',
    doc_number: '吕政任〔2023〕4号',
    issuers: ['吕梁市人民政府'],
    signed_on: '2023-04-22',
    doc_type: '通知',
    category: 'personnel',
    section: null,
    start_line: 900,
    end_line: 930,
    recipients: ['各县（市、区）人民政府'],
    body: '经市人民政府党组会议研究决定：',
    attachments: [],
    publicity: null,
    text: '吕梁市人民政府关于尹新明等同志任免职的通知',
    confidence: 0.9,
    reasons: [],
  },
  appointments: [
    {
      doc_number: '吕政任〔2023〕4号',
      person: '尹新明',
      action: 'appoint',
      method: 'appoint',
      position: '吕梁经济技术开发区管委会主任',
      qualifiers: ['试用期一年'],
      notes: [],
      meeting: null,
      meeting_date: null,
      signed_on: '2023-04-22',
      confidence: 0.95,
      reasons: [],
    },
  ],
  pipeline_version: PIPELINE,
};

const extracted = {
  document_id: DOCUMENT,
  gazette_id: GAZETTE,
  category: 'regulation',
  region: '吕梁市',
  entities: [{ type: 'date', text: '2023年5月1日', start: 10, end: 20, value: '2023-05-01' }],
  regulation: { effective_from: '2023-05-01', effective_until: null, validity: null, repeals: [] },
  appointments: [],
  pipeline_version: PIPELINE,
};

const regulation = {
  document_id: DOCUMENT,
  gazette_id: GAZETTE,
  region: '吕梁市',
  publisher: '吕梁市人民政府',
  title: '吕梁市城市供热管理办法',
  doc_number: '吕政发〔2023〕8号',
  doc_type: '办法',
  signed_on: '2023-04-10',
  effective_from: '自发布之日起',
  effective_until: null,
  repeals: ['吕梁市城市供热管理暂行办法'],
  pipeline_version: PIPELINE,
};

const appointment = {
  appointment_id: appointmentId(DOCUMENT, '尹新明', 'appoint', '吕梁经济技术开发区管委会主任'),
  document_id: DOCUMENT,
  gazette_id: GAZETTE,
  region: '吕梁市',
  person: '尹新明',
  action: 'appoint',
  method: 'appoint',
  position: '吕梁经济技术开发区管委会主任',
  organisation: null,
  qualifiers: ['试用期一年'],
  notes: [],
  doc_number: '吕政任〔2023〕4号',
  signed_on: '2023-04-22',
  pipeline_version: PIPELINE,
};

type Case = [string, Record<string, unknown>];

function expectInvalid(schema: z.ZodType, valid: object, change: Record<string, unknown>, path: string) {
  const result = schema.safeParse({ ...valid, ...change });
  expect(result.success).toBe(false);
  expect(result.error?.issues.map((i) => i.path.join('.'))).toContain(path);
}

describe('gazette.ingested payload', () => {
  it('accepts a stored gazette, with or without its source details', () => {
    expect(gazetteIngestedPayloadSchema.parse(ingested)).toEqual(ingested);
    expect(gazetteIngestedPayloadSchema.safeParse({ ...ingested, source: {} }).success).toBe(true);
  });

  it.each<Case>([
    ['gazette_id', { gazette_id: 'A'.repeat(64), sha256: 'A'.repeat(64) }],
    ['gazette_id', { sha256: OTHER_GAZETTE }],
    ['byte_length', { byte_length: 0 }],
    ['file_name', { file_name: '' }],
    ['media_type', { media_type: 'plain text' }],
    ['source.url', { source: { url: 'not a url' } }],
    ['source.published_on', { source: { published_on: '2023年6月30日' } }],
    ['stored_at', { stored_at: '2024-03-01' }],
    ['source', { source: undefined }],
  ])('rejects a bad %s', (path, change) => expectInvalid(gazetteIngestedPayloadSchema, ingested, change, path));
});

describe('document.segmented payload', () => {
  it('accepts a document with its appointments', () => {
    expect(documentSegmentedPayloadSchema.parse(segmented)).toEqual(segmented);
  });

  it.each<Case>([
    ['document_id', { index: 4 }],
    ['document_id', { document_id: `${OTHER_GAZETTE}:3` }],
    ['document_id', { document_id: 'doc-3' }],
    ['index', { index: -1 }],
    ['gazette.year', { gazette: { ...segmented.gazette, year: '2023' } }],
    ['document.category', { document: { ...segmented.document, category: 'unknown' } }],
    ['appointments.0.action', { appointments: [{ ...segmented.appointments[0], action: 'hire' }] }],
    ['pipeline_version', { pipeline_version: '' }],
  ])('rejects a bad %s', (path, change) => expectInvalid(documentSegmentedPayloadSchema, segmented, change, path));
});

describe('document.extracted payload', () => {
  it('accepts entities with regulation terms or null', () => {
    expect(documentExtractedPayloadSchema.parse(extracted)).toEqual(extracted);
    expect(documentExtractedPayloadSchema.safeParse({ ...extracted, regulation: null }).success).toBe(true);
  });

  it.each<Case>([
    ['document_id', { gazette_id: OTHER_GAZETTE }],
    ['category', { category: 'law' }],
    ['entities.0.end', { entities: [{ type: 'date', text: 'x', start: 5, end: 4 }] }],
    ['regulation', { regulation: undefined }],
  ])('rejects a bad %s', (path, change) => expectInvalid(documentExtractedPayloadSchema, extracted, change, path));
});

describe('regulation.published payload', () => {
  it('accepts a regulation, with the unknowns as null', () => {
    // A producer older than the subscribers' fields gets their defaults.
    expect(regulationPublishedPayloadSchema.parse(regulation)).toEqual({ ...regulation, issuers: [], body: '' });
    const withDocument = { ...regulation, issuers: ['吕梁市人民政府'], body: '第一条 为了规范城市供热……' };
    expect(regulationPublishedPayloadSchema.parse(withDocument)).toEqual(withDocument);
    const unknowns = { region: null, publisher: null, doc_number: null, doc_type: null, signed_on: null };
    expect(regulationPublishedPayloadSchema.safeParse({ ...regulation, ...unknowns }).success).toBe(true);
  });

  it.each<Case>([
    ['title', { title: '' }],
    ['repeals', { repeals: null }],
    ['effective_from', { effective_from: undefined }],
    ['document_id', { gazette_id: OTHER_GAZETTE }],
  ])('rejects a bad %s', (path, change) => expectInvalid(regulationPublishedPayloadSchema, regulation, change, path));
});

describe('appointment.recorded payload', () => {
  it('accepts an appointment, with or without an organisation', () => {
    const documentDefaults = { document_title: null, doc_type: null, publisher: null, issuers: [] };
    expect(appointmentRecordedPayloadSchema.parse(appointment)).toEqual({ ...appointment, ...documentDefaults });
    const withDocument = {
      ...appointment,
      document_title: '吕梁市人民政府关于尹新明等同志任免职的通知',
      doc_type: '通知',
      publisher: '吕梁市人民政府',
      issuers: ['吕梁市人民政府'],
    };
    expect(appointmentRecordedPayloadSchema.parse(withDocument)).toEqual(withDocument);
    expect(
      appointmentRecordedPayloadSchema.safeParse({ ...appointment, organisation: '吕梁经济技术开发区管委会' }).success,
    ).toBe(true);
  });

  it.each<Case>([
    ['appointment_id', { appointment_id: 'x' }],
    ['organisation', { organisation: undefined }],
    ['method', { method: 'elect' }],
    ['position', { position: '' }],
    ['document_id', { gazette_id: OTHER_GAZETTE }],
  ])('rejects a bad %s', (path, change) => expectInvalid(appointmentRecordedPayloadSchema, appointment, change, path));
});
