import {
  appointmentId,
  documentId,
  eventMessageId,
  gazetteId,
  makeEnvelope,
  SUBJECTS,
  type AppointmentRecordedPayload,
  type EventEnvelope,
  type RegulationPublishedPayload,
} from '@gazette-watch/contracts';
import { ensureSchema, runMigrations } from '@gazette-watch/persistence';
import {
  createTemplateDatabase,
  createTestDatabase,
  migrationFingerprint,
  type TestDatabase,
} from '@gazette-watch/testing';
import {
  createNotificationDataSource,
  NOTIFICATION_MIGRATIONS,
  NOTIFICATION_SCHEMA,
} from '../src/notification.data-source';

/** A database of its own for a test file, copied from a template migrated once per migration set. */
export async function notificationTestDatabase(): Promise<TestDatabase> {
  const template = await createTemplateDatabase(
    'gw_template_notification',
    async (url) => {
      await ensureSchema(url, NOTIFICATION_SCHEMA);
      const migrator = createNotificationDataSource(url);
      try {
        await runMigrations(migrator);
      } finally {
        await migrator.destroy();
      }
    },
    { fingerprint: migrationFingerprint(NOTIFICATION_MIGRATIONS) },
  );
  return createTestDatabase({ template });
}

export const GAZETTE_ID = gazetteId(new TextEncoder().encode('notification test gazette'));

export function appointmentEvent(
  index: number,
  person: string,
  region: string | null,
): EventEnvelope<AppointmentRecordedPayload> {
  const document = documentId(GAZETTE_ID, index);
  const position = '市财政局局长';
  const payload: AppointmentRecordedPayload = {
    appointment_id: appointmentId(document, person, 'appoint', position),
    document_id: document,
    gazette_id: GAZETTE_ID,
    region,
    person,
    action: 'appoint',
    method: 'appoint',
    position,
    organisation: '市财政局',
    qualifiers: [],
    notes: [],
    doc_number: '京政任〔2024〕1号',
    signed_on: '2024-03-01',
    document_title: '北京市人民政府关于任免工作人员的通知',
    doc_type: '通知',
    publisher: '北京市人民政府',
    issuers: ['北京市人民政府'],
    pipeline_version: 'test-1',
  };
  return makeEnvelope(SUBJECTS.appointmentRecorded, payload, {
    id: eventMessageId(SUBJECTS.appointmentRecorded, payload),
    correlationId: `corr-${person}`,
    producer: 'appointments',
  });
}

export function regulationEvent(
  index: number,
  region: string | null,
  docType: string | null,
): EventEnvelope<RegulationPublishedPayload> {
  const payload: RegulationPublishedPayload = {
    document_id: documentId(GAZETTE_ID, index),
    gazette_id: GAZETTE_ID,
    region,
    publisher: '北京市人民政府',
    title: '北京市人民政府关于印发某办法的通知',
    doc_number: '京政发〔2024〕3号',
    doc_type: docType,
    signed_on: '2024-02-01',
    effective_from: '2024-03-01',
    effective_until: null,
    issuers: ['北京市人民政府'],
    body: '为规范某事项，制定本办法。',
    repeals: [],
    pipeline_version: 'test-1',
  };
  return makeEnvelope(SUBJECTS.regulationPublished, payload, {
    id: eventMessageId(SUBJECTS.regulationPublished, payload),
    correlationId: `corr-regulation-${index}`,
    producer: 'extraction',
  });
}
