import {
  eventMessageId,
  publicAppointmentSubject,
  publicRegulationSubject,
  SUBJECTS,
  type AppointmentRecordedPayload,
  type EventEnvelope,
  type RegulationPublishedPayload,
} from '@gazette-watch/contracts';
import type { FactPayload } from '@gazette-watch/subscriptions';
import type { NotificationKind } from './entities/notification-event.entity';

export type FactEnvelope =
  | { type: typeof SUBJECTS.appointmentRecorded; envelope: EventEnvelope<AppointmentRecordedPayload> }
  | { type: typeof SUBJECTS.regulationPublished; envelope: EventEnvelope<RegulationPublishedPayload> };

interface NotificationFactFields {
  /** `<type>:<natural key>`: the deterministic envelope id, without a replay suffix. */
  eventId: string;
  kind: NotificationKind;
  gazetteId: string;
  documentId: string;
  region: string | null;
  docType: string | null;
  /** Public subject without the namespace prefix (`events.appointment.<region>`…). */
  subject: string;
  correlationId: string;
  occurredAt: string;
}

/** A fact ready to be recorded and announced: the command of `RecordNotification`. */
export type NotificationFact = NotificationFactFields &
  (
    | { type: typeof SUBJECTS.appointmentRecorded; payload: AppointmentRecordedPayload }
    | { type: typeof SUBJECTS.regulationPublished; payload: RegulationPublishedPayload }
  );

/**
 * Maps a validated fact event onto what the service records and announces. The id is recomputed
 * from the payload rather than copied from the envelope so that a replay (whose envelope id carries
 * `@replay:<run>`) is recognised as the fact already announced, instead of notifying clients twice.
 */
export function notificationFactOf(fact: FactEnvelope): NotificationFact {
  const { envelope } = fact;
  const common = {
    gazetteId: envelope.payload.gazette_id,
    documentId: envelope.payload.document_id,
    region: envelope.payload.region,
    correlationId: envelope.correlation_id,
    occurredAt: envelope.occurred_at,
  };
  if (fact.type === SUBJECTS.appointmentRecorded) {
    return {
      ...common,
      eventId: eventMessageId(fact.type, fact.envelope.payload),
      kind: 'appointment',
      type: fact.type,
      docType: null,
      subject: publicAppointmentSubject(fact.envelope.payload.region),
      payload: fact.envelope.payload,
    };
  }
  return {
    ...common,
    eventId: eventMessageId(fact.type, fact.envelope.payload),
    kind: 'regulation',
    type: fact.type,
    docType: fact.envelope.payload.doc_type,
    subject: publicRegulationSubject(fact.envelope.payload.region, fact.envelope.payload.doc_type),
    payload: fact.envelope.payload,
  };
}

/** The fact as the subscription rules see it. */
export function factPayloadOf(fact: NotificationFact): FactPayload {
  return fact.type === SUBJECTS.appointmentRecorded
    ? { kind: 'appointment', payload: fact.payload }
    : { kind: 'regulation', payload: fact.payload };
}
