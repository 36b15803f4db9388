import {
  appointmentRecordSchema,
  entitySchema,
  gazetteMetadataSchema,
  regulationTermsSchema,
  segmentedDocumentSchema,
} from './parser-model.schema';

const gazette = {
  publisher: '吕梁市人民政府',
  region: '吕梁市',
  year: 2023,
  issue: '11-12',
  total_issue: null,
  published_on: null,
};

const appointment = {
  doc_number: '吕政任〔2023〕4号',
  person: '尹新明',
  action: 'appoint',
  method: 'appoint',
  position: '吕梁经济技术开发区管委会主任',
  qualifiers: ['试用期一年'],
  notes: [],
  meeting: '市人民政府党组会议',
  meeting_date: null,
  signed_on: '2023-04-22',
  confidence: 0.95,
  reasons: [],
};

const document = {
  title: '吕梁市人民政府关于尹新明等同志任免职的通知',
  doc_number: '吕政任〔2023〕4号',
  issuers: ['吕梁市人民政府'],
  signed_on: '2023-04',
  doc_type: '通知',
  category: 'personnel',
  section: '人事任免',
  start_line: 10,
  end_line: 10,
  recipients: [],
  body: '经市人民政府党组会议研究决定：',
  attachments: [],
  publicity: null,
  text: '吕梁市人民政府关于尹新明等同志任免职的通知',
  confidence: 1,
  reasons: [],
};

describe('gazetteMetadataSchema', () => {
  it('accepts metadata with unknown fields as null', () => {
    expect(gazetteMetadataSchema.parse(gazette)).toEqual(gazette);
    const unknown = { publisher: null, region: null, year: null, issue: null, total_issue: null, published_on: null };
    expect(gazetteMetadataSchema.safeParse(unknown).success).toBe(true);
  });

  it.each([
    ['a year as text', { year: '2023' }],
    ['a fractional total issue', { total_issue: 1.5 }],
    ['an issue as a number', { issue: 4 }],
    ['a missing publisher', { publisher: undefined }],
  ])('rejects %s', (_, change) => {
    expect(gazetteMetadataSchema.safeParse({ ...gazette, ...change }).success).toBe(false);
  });
});

describe('entitySchema', () => {
  const entity = { type: 'money', text: '120万元', start: 3, end: 9, value: 1_200_000, unit: '元' };

  it('accepts entities with and without the optional fields', () => {
    expect(entitySchema.safeParse(entity).success).toBe(true);
    expect(entitySchema.safeParse({ type: 'person', text: '尹新明', start: 0, end: 3 }).success).toBe(true);
    expect(
      entitySchema.safeParse({ type: 'law', text: '《办法》', start: 0, end: 4, value: null, doc_number: null })
        .success,
    ).toBe(true);
  });

  it.each([
    ['an unknown type', { type: 'email' }],
    ['a negative offset', { start: -1 }],
    ['an end before the start', { start: 9, end: 3 }],
    ['a boolean value', { value: true }],
    ['a null unit', { unit: null }],
  ])('rejects %s', (_, change) => {
    expect(entitySchema.safeParse({ ...entity, ...change }).success).toBe(false);
  });
});

describe('regulationTermsSchema', () => {
  it('accepts a date, a phrase or nothing', () => {
    const terms = {
      effective_from: '自发布之日起',
      effective_until: null,
      validity: '有效期两年',
      repeals: ['吕政发〔2018〕3号'],
    };
    expect(regulationTermsSchema.safeParse(terms).success).toBe(true);
  });

  it('rejects a missing repeals list', () => {
    const terms = { effective_from: null, effective_until: null, validity: null };
    expect(regulationTermsSchema.safeParse(terms).success).toBe(false);
  });
});

describe('appointmentRecordSchema', () => {
  it('accepts a parsed appointment', () => {
    expect(appointmentRecordSchema.parse(appointment)).toEqual(appointment);
  });

  it.each([
    ['an unknown action', { action: 'promote' }],
    ['an unknown method', { method: 'elect' }],
    ['an empty person', { person: '' }],
    ['a confidence above 1', { confidence: 1.2 }],
    ['qualifiers as text', { qualifiers: '试用期一年' }],
  ])('rejects %s', (_, change) => {
    expect(appointmentRecordSchema.safeParse({ ...appointment, ...change }).success).toBe(false);
  });
});

describe('segmentedDocumentSchema', () => {
  it('accepts a document without entities and regulation, dropping them if present', () => {
    expect(segmentedDocumentSchema.parse({ ...document, entities: [], regulation: null })).toEqual(document);
  });

  it.each([
    ['an unknown category', { category: 'law' }],
    ['a 0 start line', { start_line: 0 }],
    ['an end line before the start line', { start_line: 11 }],
    ['a missing text', { text: undefined }],
  ])('rejects %s', (_, change) => {
    expect(segmentedDocumentSchema.safeParse({ ...document, ...change }).success).toBe(false);
  });
});
