import { z } from 'zod';
import {
  appointmentRecordedPayloadSchema,
  documentExtractedPayloadSchema,
  documentSegmentedPayloadSchema,
  gazetteIngestedPayloadSchema,
  regulationPublishedPayloadSchema,
  type AppointmentRecordedPayload,
  type DocumentExtractedPayload,
  type DocumentSegmentedPayload,
  type GazetteIngestedPayload,
  type RegulationPublishedPayload,
} from './event-payload.schema';
import { envelopeSchema } from './envelope.schema';
import { SUBJECTS } from './subject.catalog';

/** The payload type of each event type. */
export interface EventPayloads {
  [SUBJECTS.gazetteIngested]: GazetteIngestedPayload;
  [SUBJECTS.documentSegmented]: DocumentSegmentedPayload;
  [SUBJECTS.documentExtracted]: DocumentExtractedPayload;
  [SUBJECTS.regulationPublished]: RegulationPublishedPayload;
  [SUBJECTS.appointmentRecorded]: AppointmentRecordedPayload;
}

export type EventType = keyof EventPayloads;
export type EventPayload<K extends EventType = EventType> = EventPayloads[K];

export interface EventContract<T> {
  /** The version producers write and the newest consumers understand. */
  version: number;
  payload: z.ZodType<T>;
  /** The natural key of the event, the part of its message id after the type. */
  key(payload: T): string;
}

export const EVENT_CONTRACTS: { readonly [K in EventType]: EventContract<EventPayloads[K]> } = {
  [SUBJECTS.gazetteIngested]: { version: 1, payload: gazetteIngestedPayloadSchema, key: (p) => p.gazette_id },
  [SUBJECTS.documentSegmented]: { version: 1, payload: documentSegmentedPayloadSchema, key: (p) => p.document_id },
  [SUBJECTS.documentExtracted]: { version: 1, payload: documentExtractedPayloadSchema, key: (p) => p.document_id },
  [SUBJECTS.regulationPublished]: { version: 1, payload: regulationPublishedPayloadSchema, key: (p) => p.document_id },
  [SUBJECTS.appointmentRecorded]: {
    version: 1,
    payload: appointmentRecordedPayloadSchema,
    key: (p) => p.appointment_id,
  },
};

export const EVENT_TYPES = Object.keys(EVENT_CONTRACTS) as EventType[];

export function isEventType(type: string): type is EventType {
  return Object.prototype.hasOwnProperty.call(EVENT_CONTRACTS, type);
}

/**
 * The full envelope schema of one event type at its current version, for documentation and
 * JSON Schema export (`z.toJSONSchema`); validation at runtime goes through `parseEnvelope`.
 */
export function envelopeSchemaFor<K extends EventType>(type: K) {
  const contract = EVENT_CONTRACTS[type];
  return envelopeSchema.extend({
    type: z.literal(type),
    version: z.literal(contract.version),
    payload: contract.payload,
  });
}
