import {
  appointmentId,
  documentId,
  makeEnvelope,
  SUBJECTS,
  type AppointmentRecordedPayload,
  type Delivery,
  type EventEnvelope,
  type FeedEntry,
  type NotificationMessage,
  type Principal,
  type RegulationPublishedPayload,
  type Subscription,
} from '@gazette-watch/contracts';
import { GAZETTE_ID } from './api-fixtures';

/** Fixtures of the subscription routes: each a value the notification service's contract accepts. */

export const ADMIN_KEY = 'admin-key-for-the-gateway-specs-0001';
export const SUBSCRIBER_KEY = 'gw_subscriber_key_of_the_specs';
export const OTHER_SUBSCRIBER_KEY = 'gw_other_subscriber_key_of_the_specs';

export const SUBSCRIBER_ID = '3f0c9a56-1b2d-4c3e-8f4a-5b6c7d8e9f01';
export const OTHER_SUBSCRIBER_ID = '7a1b2c3d-4e5f-4a6b-9c7d-8e9f0a1b2c3d';
export const SUBSCRIPTION_ID = '0d9e8f7a-6b5c-4d3e-a2f1-0a9b8c7d6e5f';
export const DELIVERY_ID = '5e4d3c2b-1a09-4f8e-b7d6-c5b4a3928170';
export const NOTIFICATION_ID = '9b8a7c6d-5e4f-4321-8fed-cba987654321';

export const ADMIN: Principal = { role: 'admin' };
export const SUBSCRIBER: Principal = { role: 'subscriber', subscriber_id: SUBSCRIBER_ID };

/** Keys the specs' authenticator knows, and whose they are. */
export const SUBSCRIBER_KEYS: Record<string, string> = {
  [SUBSCRIBER_KEY]: SUBSCRIBER_ID,
  [OTHER_SUBSCRIBER_KEY]: OTHER_SUBSCRIBER_ID,
};

const DOCUMENT_ID = documentId(GAZETTE_ID, 2);

export const subscription: Subscription = {
  id: SUBSCRIPTION_ID,
  subscriber_id: SUBSCRIBER_ID,
  name: '吕梁市任免',
  filter: { kinds: ['appointment'], regions: ['吕梁市'] },
  webhook: {
    url: 'https://hooks.example.org/gazette',
    status: 'active',
    disabled_reason: null,
    disabled_at: null,
    failing_since: null,
  },
  nats_subject: `notify.${SUBSCRIPTION_ID}`,
  backfill_since: null,
  created_at: '2024-03-16T08:00:00.000Z',
  updated_at: '2024-03-16T08:00:00.000Z',
};

export const delivery: Delivery = {
  id: DELIVERY_ID,
  subscription_id: SUBSCRIPTION_ID,
  fact_id: 'appointment.recorded:abc',
  kind: 'appointment',
  revision: 1,
  action: 'created',
  status: 'failed',
  attempts: 2,
  next_attempt_at: null,
  last_status_code: 500,
  last_error: 'the receiver answered 500',
  created_at: '2024-03-16T08:00:00.000Z',
  delivered_at: null,
  attempt_log: [
    { attempt: 1, started_at: '2024-03-16T08:00:00.000Z', status_code: 500, latency_ms: 40, error: 'HTTP 500' },
    { attempt: 2, started_at: '2024-03-16T08:00:05.000Z', status_code: 500, latency_ms: 38, error: 'HTTP 500' },
  ],
};

export function appointmentPayload(overrides: Partial<AppointmentRecordedPayload> = {}): AppointmentRecordedPayload {
  const person = overrides.person ?? '张三';
  const position = overrides.position ?? '市财政局局长';
  return {
    appointment_id: appointmentId(DOCUMENT_ID, person, 'appoint', position),
    document_id: DOCUMENT_ID,
    gazette_id: GAZETTE_ID,
    region: '吕梁市',
    person,
    action: 'appoint',
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
    region: '太原市',
    publisher: '太原市人民政府',
    title: '太原市城市供水管理办法',
    doc_number: '并政发〔2024〕3号',
    doc_type: '办法',
    signed_on: '2024-02-01',
    effective_from: '2024-03-01',
    effective_until: null,
    repeals: [],
    issuers: ['太原市人民政府'],
    body: '第一条 为了加强城市供水管理，制定本办法。',
    pipeline_version: 'spec-1',
    ...overrides,
  };
}

export function appointmentEnvelope(
  payload: AppointmentRecordedPayload = appointmentPayload(),
): EventEnvelope<AppointmentRecordedPayload> {
  return makeEnvelope(SUBJECTS.appointmentRecorded, payload, {
    id: `appointment.recorded:${payload.appointment_id}`,
    correlationId: 'spec',
    producer: 'notification',
    occurredAt: '2024-03-16T08:00:00.000Z',
  });
}

export function regulationEnvelope(
  payload: RegulationPublishedPayload = regulationPayload(),
): EventEnvelope<RegulationPublishedPayload> {
  return makeEnvelope(SUBJECTS.regulationPublished, payload, {
    id: `regulation.published:${payload.document_id}`,
    correlationId: 'spec',
    producer: 'notification',
    occurredAt: '2024-03-16T08:00:00.000Z',
  });
}

export function notificationMessage(overrides: { notification_id?: string } = {}): NotificationMessage {
  const fact = appointmentPayload();
  return {
    type: 'appointment.created',
    timestamp: '2024-03-16T08:00:01.000Z',
    data: {
      notification_id: overrides.notification_id ?? NOTIFICATION_ID,
      subscription_id: SUBSCRIPTION_ID,
      fact_id: `appointment.recorded:${fact.appointment_id}`,
      revision: 1,
      action: 'created',
      gazette_id: GAZETTE_ID,
      document_id: fact.document_id,
      region: fact.region,
      correlation_id: 'spec',
      kind: 'appointment',
      fact,
    },
  };
}

export function feedEntry(overrides: Partial<FeedEntry> = {}): FeedEntry {
  const fact = appointmentPayload();
  return {
    fact_id: `appointment.recorded:${fact.appointment_id}`,
    kind: 'appointment',
    revision: 2,
    title: '[吕梁市] 任命 张三 为 市财政局局长',
    summary: '吕政任〔2024〕5号 · 2024-03-01 · 吕梁市人民政府',
    document_id: fact.document_id,
    gazette_id: GAZETTE_ID,
    region: '吕梁市',
    published_at: '2024-03-16T08:00:00.000Z',
    updated_at: '2024-03-18T09:30:00.000Z',
    fact: { ...fact },
    ...overrides,
  };
}
