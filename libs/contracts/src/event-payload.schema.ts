import { z } from 'zod';
import { parseDocumentId } from './message-id';
import {
  appointmentActionSchema,
  appointmentMethodSchema,
  appointmentRecordSchema,
  documentCategorySchema,
  entitySchema,
  gazetteMetadataSchema,
  regulationTermsSchema,
  segmentedDocumentSchema,
} from './parser-model.schema';

/**
 * Payloads of the version-1 events. Objects strip keys they do not know, so a producer may add an
 * optional field without a version bump; removing, renaming or retyping a field is a new version.
 */

export const sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/, 'expected a lower-case sha256 hex digest');

/** `<gazette_id>:<index>`, see `documentId`. */
export const documentIdSchema = z
  .string()
  .refine((value) => parseDocumentId(value) !== null, 'expected a document id "<sha256 hex>:<index>"');

const pipelineVersion = z.string().min(1);
const timestamp = z.iso.datetime({ offset: true });
const nullableText = z.string().nullable();

/** Every fact belongs to the gazette its document id names; a mismatch is a producer bug. */
function documentOfGazette(payload: { document_id: string; gazette_id: string }): boolean {
  return parseDocumentId(payload.document_id)?.gazetteId === payload.gazette_id;
}
const documentOfGazetteIssue = { message: 'document_id must belong to gazette_id', path: ['document_id'] };

export const gazetteIngestedPayloadSchema = z
  .object({
    gazette_id: sha256HexSchema,
    sha256: sha256HexSchema,
    byte_length: z.int().min(1),
    file_name: z.string().min(1),
    media_type: z.string().regex(/^[\w.+-]+\/[\w.+-]+(?:\s*;.*)?$/, 'expected a media type such as "text/plain"'),
    source: z.object({
      region: z.string().min(1).optional(),
      url: z.url().optional(),
      published_on: z.iso.date().optional(),
    }),
    stored_at: timestamp,
  })
  // The id is the digest today; both fields exist so the id scheme can change without losing it.
  .refine((p) => p.gazette_id === p.sha256, { message: 'gazette_id must equal sha256', path: ['gazette_id'] });

export const documentSegmentedPayloadSchema = z
  .object({
    document_id: documentIdSchema,
    gazette_id: sha256HexSchema,
    index: z.int().min(0),
    gazette: gazetteMetadataSchema,
    document: segmentedDocumentSchema,
    appointments: z.array(appointmentRecordSchema),
    pipeline_version: pipelineVersion,
  })
  .refine((p) => p.document_id === `${p.gazette_id}:${p.index}`, {
    message: 'document_id must be "<gazette_id>:<index>"',
    path: ['document_id'],
  });

export const documentExtractedPayloadSchema = z
  .object({
    document_id: documentIdSchema,
    gazette_id: sha256HexSchema,
    category: documentCategorySchema,
    /** The gazette's region, for the consumers that resolve short organisation names. */
    region: nullableText,
    entities: z.array(entitySchema),
    regulation: regulationTermsSchema.nullable(),
    /** The document's appointment records (personnel documents only), carried to the appointments service. */
    appointments: z.array(appointmentRecordSchema),
    /** Added in v1 without a bump: what the appointments service passes on for subscribers' filters. */
    document: z
      .object({
        title: z.string(),
        doc_type: nullableText,
        publisher: nullableText,
        issuers: z.array(z.string()),
      })
      .optional(),
    pipeline_version: pipelineVersion,
  })
  .refine(documentOfGazette, documentOfGazetteIssue);

export const regulationPublishedPayloadSchema = z
  .object({
    document_id: documentIdSchema,
    gazette_id: sha256HexSchema,
    region: nullableText,
    publisher: nullableText,
    title: z.string().min(1),
    doc_number: nullableText,
    doc_type: nullableText,
    signed_on: nullableText,
    effective_from: nullableText,
    effective_until: nullableText,
    repeals: z.array(z.string()),
    /** Added in v1 without a bump (older producers sent neither): what subscribers filter on. */
    issuers: z.array(z.string()).default([]),
    body: z.string().default(''),
    pipeline_version: pipelineVersion,
  })
  .refine(documentOfGazette, documentOfGazetteIssue);

export const appointmentRecordedPayloadSchema = z
  .object({
    appointment_id: z.string().regex(/^[0-9a-f]{32}$/, 'expected 32 lower-case hex digits (see appointmentId)'),
    document_id: documentIdSchema,
    gazette_id: sha256HexSchema,
    region: nullableText,
    person: z.string().min(1),
    action: appointmentActionSchema,
    method: appointmentMethodSchema,
    position: z.string().min(1),
    organisation: nullableText,
    qualifiers: z.array(z.string()),
    notes: z.array(z.string()),
    doc_number: nullableText,
    signed_on: nullableText,
    /** Added in v1 without a bump (older producers sent none): the notice, for subscribers' filters. */
    document_title: nullableText.default(null),
    doc_type: nullableText.default(null),
    publisher: nullableText.default(null),
    issuers: z.array(z.string()).default([]),
    pipeline_version: pipelineVersion,
  })
  .refine(documentOfGazette, documentOfGazetteIssue);

export type GazetteIngestedPayload = z.infer<typeof gazetteIngestedPayloadSchema>;
export type DocumentSegmentedPayload = z.infer<typeof documentSegmentedPayloadSchema>;
export type DocumentExtractedPayload = z.infer<typeof documentExtractedPayloadSchema>;
export type RegulationPublishedPayload = z.infer<typeof regulationPublishedPayloadSchema>;
export type AppointmentRecordedPayload = z.infer<typeof appointmentRecordedPayloadSchema>;
