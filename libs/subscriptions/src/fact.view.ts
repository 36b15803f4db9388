import type {
  AppointmentRecordedPayload,
  NotificationKind,
  RegulationPublishedPayload,
} from '@gazette-watch/contracts';

/** A fact as the notification service receives it: the payload of the event that announced it. */
export type FactPayload =
  | { kind: 'appointment'; payload: AppointmentRecordedPayload }
  | { kind: 'regulation'; payload: RegulationPublishedPayload };

/**
 * What subscription filters see of a fact: one flat shape for both kinds, so every filter field
 * reads the same place whatever the fact. Fields a kind lacks are null or empty, and never match.
 */
export interface FactView {
  kind: NotificationKind;
  region: string | null;
  publisher: string | null;
  issuers: string[];
  docType: string | null;
  title: string;
  body: string;
  people: string[];
  /** For appointments, the organisation and the post as printed, so "财政局" and "局长" both match. */
  organisations: string[];
}

/**
 * The `?? ` fallbacks cover payloads of producers older than these fields that reach us without
 * going through the schema, which would fill in the same defaults.
 */
export function factViewOf(fact: FactPayload): FactView {
  if (fact.kind === 'appointment') {
    const p = fact.payload;
    return {
      kind: 'appointment',
      region: p.region,
      publisher: p.publisher ?? null,
      issuers: [...(p.issuers ?? [])],
      docType: p.doc_type ?? null,
      title: p.document_title ?? '',
      body: '',
      people: [p.person],
      organisations: [p.organisation, p.position].filter((value): value is string => value !== null),
    };
  }
  const p = fact.payload;
  return {
    kind: 'regulation',
    region: p.region,
    publisher: p.publisher,
    issuers: [...(p.issuers ?? [])],
    docType: p.doc_type,
    title: p.title,
    body: p.body ?? '',
    people: [],
    organisations: [],
  };
}
