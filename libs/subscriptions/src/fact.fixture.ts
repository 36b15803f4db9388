import {
  appointmentId,
  documentId,
  gazetteId,
  type AppointmentRecordedPayload,
  type RegulationPublishedPayload,
} from '@gazette-watch/contracts';
import type { FactPayload } from './fact.view';

/** Facts for the specs: plausible payloads that each test bends to the case it checks. */

export const GAZETTE_ID = gazetteId(new TextEncoder().encode('subscriptions spec gazette'));
const DOCUMENT_ID = documentId(GAZETTE_ID, 3);

export function appointmentPayload(overrides: Partial<AppointmentRecordedPayload> = {}): AppointmentRecordedPayload {
  const person = overrides.person ?? '张三';
  const action = overrides.action ?? 'appoint';
  const position = overrides.position ?? '市财政局局长';
  return {
    appointment_id: appointmentId(DOCUMENT_ID, person, action, position),
    document_id: DOCUMENT_ID,
    gazette_id: GAZETTE_ID,
    region: '吕梁市',
    person,
    action,
    method: 'appoint',
    position,
    organisation: '吕梁市财政局',
    qualifiers: [],
    notes: [],
    doc_number: '吕政任〔2024〕5号',
    signed_on: '2024-03-01',
    document_title: '吕梁市人民政府关于张三等同志职务任免的通知',
    doc_type: '通知',
    publisher: '吕梁市人民政府',
    issuers: ['吕梁市人民政府'],
    pipeline_version: 'spec-1',
    ...overrides,
  };
}

export function regulationPayload(overrides: Partial<RegulationPublishedPayload> = {}): RegulationPublishedPayload {
  return {
    document_id: DOCUMENT_ID,
    gazette_id: GAZETTE_ID,
    region: '吕梁市',
    publisher: '吕梁市人民政府',
    title: '吕梁市城市供水管理办法',
    doc_number: '吕政发〔2024〕3号',
    doc_type: '办法',
    signed_on: '2024-02-01',
    effective_from: '2024-03-01',
    effective_until: '2029-02-28',
    repeals: [],
    issuers: ['吕梁市人民政府办公室'],
    body: '第一条 为了加强城市供水管理，根据有关法律法规，制定本办法。',
    pipeline_version: 'spec-1',
    ...overrides,
  };
}

export const appointmentFact = (overrides: Partial<AppointmentRecordedPayload> = {}): FactPayload => ({
  kind: 'appointment',
  payload: appointmentPayload(overrides),
});

export const regulationFact = (overrides: Partial<RegulationPublishedPayload> = {}): FactPayload => ({
  kind: 'regulation',
  payload: regulationPayload(overrides),
});
