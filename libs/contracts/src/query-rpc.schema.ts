import { z } from 'zod';
import { documentIdSchema, sha256HexSchema } from './event-payload.schema';
import {
  appointmentActionSchema,
  appointmentMethodSchema,
  documentCategorySchema,
  entitySchema,
  gazetteMetadataSchema,
  regulationTermsSchema,
} from './parser-model.schema';

/**
 * The queries the API gateway asks the owning services over request/reply (`rpc.<service>.<name>`),
 * so that no service reads another's tables. Names are unique across services.
 */

const isoDate = z.iso.date();
const page = {
  limit: z.number().int().min(1).max(500).default(50),
  offset: z.number().int().min(0).default(0),
};
const nullableText = z.string().nullable();

/** How far one gazette has come through a service (for the progress view). */
export const stageProgressSchema = z.object({
  gazette_id: sha256HexSchema,
  stage: z.string(),
  /** Items of this gazette the stage has finished (documents, entities' documents, appointments…). */
  done: z.number().int().min(0),
  /** Items it knows it will have, when it knows; null otherwise. */
  expected: z.number().int().min(0).nullable(),
  updated_at: z.string().nullable(),
  /**
   * The facts the gazette's parse found, reported by segmentation once it has segmented it: the
   * fact stages cannot know how many they will get, the gateway can tell them.
   */
  expected_facts: z.object({ appointments: z.number().int().min(0), regulations: z.number().int().min(0) }).optional(),
});
export const gazetteProgressRequestSchema = z.object({ gazette_id: sha256HexSchema });

export const storedGazetteSchema = z.object({
  gazette_id: sha256HexSchema,
  file_name: z.string(),
  media_type: z.string(),
  byte_length: z.number().int().min(0),
  region: nullableText,
  url: nullableText,
  published_on: nullableText,
  received_at: z.string(),
});

export const gazetteIngestRequestSchema = z.object({
  file_name: z.string().min(1).max(255),
  media_type: z.string().min(1).max(100),
  bytes_base64: z.base64().min(1),
  region: z.string().max(50).optional(),
  url: z.url().optional(),
  published_on: isoDate.optional(),
  correlation_id: z.string().max(100).optional(),
});
export const gazetteIngestReplySchema = z.object({ gazette_id: sha256HexSchema, duplicate: z.boolean() });

export const gazetteListRequestSchema = z.object({ ...page });
export const gazetteListReplySchema = z.object({ total: z.number().int(), items: z.array(storedGazetteSchema) });

export const documentSummarySchema = z.object({
  document_id: documentIdSchema,
  gazette_id: sha256HexSchema,
  index: z.number().int().min(0),
  title: z.string(),
  doc_number: nullableText,
  doc_type: nullableText,
  category: documentCategorySchema,
  issuers: z.array(z.string()),
  signed_on: nullableText,
  section: nullableText,
  region: nullableText,
  publisher: nullableText,
  start_line: z.number().int(),
  confidence: z.number(),
});
export const documentSearchRequestSchema = z.object({
  gazette_id: sha256HexSchema.optional(),
  region: z.string().max(50).optional(),
  kind: z.string().max(20).optional(),
  category: documentCategorySchema.optional(),
  issuer: z.string().max(100).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  text: z.string().min(1).max(100).optional(),
  ...page,
});
export const documentSearchReplySchema = z.object({ total: z.number().int(), items: z.array(documentSummarySchema) });

export const documentGetRequestSchema = z.object({ document_id: documentIdSchema });
export const documentDetailSchema = documentSummarySchema.extend({
  gazette: gazetteMetadataSchema,
  end_line: z.number().int(),
  recipients: z.array(z.string()),
  body: z.string(),
  attachments: z.array(z.string()),
  publicity: nullableText,
  text: z.string(),
  reasons: z.array(z.string()),
});
export const documentGetReplySchema = z.object({ document: documentDetailSchema.nullable() });

export const entitiesGetRequestSchema = z.object({ document_id: documentIdSchema });
export const entitiesGetReplySchema = z.object({
  document_id: documentIdSchema,
  found: z.boolean(),
  entities: z.array(entitySchema),
  regulation: regulationTermsSchema.nullable(),
});

export const appointmentItemSchema = z.object({
  appointment_id: z.string(),
  document_id: documentIdSchema,
  gazette_id: sha256HexSchema,
  region: nullableText,
  person: z.string(),
  action: appointmentActionSchema,
  method: appointmentMethodSchema,
  position: z.string(),
  organisation: nullableText,
  title: nullableText,
  post_key: nullableText,
  qualifiers: z.array(z.string()),
  notes: z.array(z.string()),
  doc_number: nullableText,
  signed_on: nullableText,
});
export const appointmentSearchRequestSchema = z.object({
  person: z.string().max(20).optional(),
  organisation: z.string().max(100).optional(),
  region: z.string().max(50).optional(),
  action: appointmentActionSchema.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  ...page,
});
export const appointmentSearchReplySchema = z.object({
  total: z.number().int(),
  items: z.array(appointmentItemSchema),
});

export const tenureSchema = z.object({
  tenure_id: z.string(),
  person: z.string(),
  post_key: z.string(),
  organisation: z.string(),
  title: z.string(),
  start: nullableText,
  end: nullableText,
  status: z.enum(['current', 'ended', 'unknown']),
  start_document_id: documentIdSchema.nullable(),
  end_document_id: documentIdSchema.nullable(),
  predecessor_id: nullableText,
  successor_id: nullableText,
});
export const personTimelineRequestSchema = z.object({ person: z.string().min(1).max(20) });
export const personTimelineReplySchema = z.object({ person: z.string(), tenures: z.array(tenureSchema) });
export const postHoldersRequestSchema = z.object({
  post_key: z.string().min(1).max(200).optional(),
  /** A post named as printed ("市财政局局长"), resolved with the region. */
  position: z.string().min(1).max(200).optional(),
  region: z.string().max(50).optional(),
});
export const postHoldersReplySchema = z.object({
  post_key: nullableText,
  current: z.array(tenureSchema),
  past: z.array(tenureSchema),
});

export type StageProgress = z.infer<typeof stageProgressSchema>;
export type StoredGazette = z.infer<typeof storedGazetteSchema>;
export type DocumentSummary = z.infer<typeof documentSummarySchema>;
export type DocumentDetail = z.infer<typeof documentDetailSchema>;
export type AppointmentItem = z.infer<typeof appointmentItemSchema>;
export type Tenure = z.infer<typeof tenureSchema>;

/** Every query, by name, with the service that answers it. */
export const QUERY_CONTRACTS = {
  'gazette.ingest': { service: 'ingestion', request: gazetteIngestRequestSchema, reply: gazetteIngestReplySchema },
  'gazette.list': { service: 'ingestion', request: gazetteListRequestSchema, reply: gazetteListReplySchema },
  'ingestion.progress': { service: 'ingestion', request: gazetteProgressRequestSchema, reply: stageProgressSchema },
  'documents.search': {
    service: 'segmentation',
    request: documentSearchRequestSchema,
    reply: documentSearchReplySchema,
  },
  'document.get': { service: 'segmentation', request: documentGetRequestSchema, reply: documentGetReplySchema },
  'segmentation.progress': {
    service: 'segmentation',
    request: gazetteProgressRequestSchema,
    reply: stageProgressSchema,
  },
  'entities.get': { service: 'extraction', request: entitiesGetRequestSchema, reply: entitiesGetReplySchema },
  'extraction.progress': { service: 'extraction', request: gazetteProgressRequestSchema, reply: stageProgressSchema },
  'appointments.search': {
    service: 'appointments',
    request: appointmentSearchRequestSchema,
    reply: appointmentSearchReplySchema,
  },
  'person.timeline': {
    service: 'appointments',
    request: personTimelineRequestSchema,
    reply: personTimelineReplySchema,
  },
  'post.holders': { service: 'appointments', request: postHoldersRequestSchema, reply: postHoldersReplySchema },
  'appointments.progress': {
    service: 'appointments',
    request: gazetteProgressRequestSchema,
    reply: stageProgressSchema,
  },
  'notification.progress': {
    service: 'notification',
    request: gazetteProgressRequestSchema,
    reply: stageProgressSchema,
  },
} as const;
