import type {
  AppointmentItem,
  DocumentDetail,
  DocumentSummary,
  RpcReply,
  StoredGazette,
  Tenure,
} from '@gazette-watch/contracts';

export const GAZETTE_ID = 'ab'.repeat(32);
export const DOCUMENT_ID = `${GAZETTE_ID}:0`;

export const storedGazette: StoredGazette = {
  gazette_id: GAZETTE_ID,
  file_name: '2024-03.txt',
  media_type: 'text/plain',
  byte_length: 1234,
  region: '北京市',
  url: null,
  published_on: '2024-03-15',
  received_at: '2024-03-16T08:00:00.000Z',
};

export const documentSummary: DocumentSummary = {
  document_id: DOCUMENT_ID,
  gazette_id: GAZETTE_ID,
  index: 0,
  title: '北京市人民政府关于印发某办法的通知',
  doc_number: '京政发〔2024〕3号',
  doc_type: '通知',
  category: 'regulation',
  issuers: ['北京市人民政府'],
  signed_on: '2024-02-01',
  section: null,
  region: '北京市',
  publisher: '北京市人民政府',
  start_line: 10,
  confidence: 0.9,
};

export const documentDetail: DocumentDetail = {
  ...documentSummary,
  gazette: {
    publisher: '北京市人民政府',
    region: '北京市',
    year: 2024,
    issue: '3',
    total_issue: 900,
    published_on: '2024-03-15',
  },
  end_line: 40,
  recipients: ['各区人民政府'],
  body: '现将某办法印发给你们，请认真贯彻执行。',
  attachments: [],
  publicity: '此件公开发布',
  text: '北京市人民政府关于印发某办法的通知\n现将某办法印发给你们，请认真贯彻执行。',
  reasons: [],
};

export const entitiesReply: RpcReply<'entities.get'> = {
  document_id: DOCUMENT_ID,
  found: true,
  entities: [{ type: 'organisation', text: '北京市人民政府', start: 0, end: 7 }],
  regulation: { effective_from: '2024-03-01', effective_until: null, validity: null, repeals: [] },
};

export const appointmentItem: AppointmentItem = {
  appointment_id: '0'.repeat(32),
  document_id: DOCUMENT_ID,
  gazette_id: GAZETTE_ID,
  region: '北京市',
  person: '张三',
  action: 'appoint',
  method: 'appoint',
  position: '市财政局局长',
  organisation: '市财政局',
  title: '局长',
  post_key: '北京市/市财政局/局长',
  qualifiers: [],
  notes: [],
  doc_number: '京政任〔2024〕1号',
  signed_on: '2024-03-01',
};

export const tenure: Tenure = {
  tenure_id: 't1',
  person: '张三',
  post_key: '北京市/市财政局/局长',
  organisation: '市财政局',
  title: '局长',
  start: '2024-03-01',
  end: null,
  status: 'current',
  start_document_id: DOCUMENT_ID,
  end_document_id: null,
  predecessor_id: null,
  successor_id: null,
};
