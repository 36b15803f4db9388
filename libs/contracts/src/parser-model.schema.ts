import { z } from 'zod';

/**
 * Zod mirrors of the parser's output types (`libs/parser/src/model/gazette.model.ts`). The parser
 * is the authority: nullable where it has `| null`, optional where it has `?`, and no format
 * checks it does not promise (a `signed_on` may be a month, an `effective_from` a phrase).
 * `parser-parity.spec.ts` fails the type check when the two drift apart.
 */

const text = z.string();
const nullableText = z.string().nullable();
const texts = z.array(z.string());
const confidence = z.number().min(0).max(1);
const lineNumber = z.int().min(1);

export const gazetteMetadataSchema = z.object({
  publisher: nullableText,
  region: nullableText,
  year: z.int().nullable(),
  issue: nullableText,
  total_issue: z.int().nullable(),
  published_on: nullableText,
});

export const documentCategorySchema = z.enum(['personnel', 'regulation', 'approval', 'other']);

export const entityTypeSchema = z.enum([
  'doc_number',
  'cited_doc_number',
  'date',
  'organisation',
  'person',
  'position',
  'money',
  'area',
  'percentage',
  'law',
  'phone',
]);

export const entitySchema = z
  .object({
    type: entityTypeSchema,
    text,
    start: z.int().min(0),
    end: z.int().min(0),
    value: z.union([z.string(), z.number()]).nullable().optional(),
    unit: z.string().optional(),
    doc_number: nullableText.optional(),
  })
  .refine((e) => e.end >= e.start, { message: 'end must not be before start', path: ['end'] });

export const regulationTermsSchema = z.object({
  effective_from: nullableText,
  effective_until: nullableText,
  validity: nullableText,
  repeals: texts,
});

export const appointmentActionSchema = z.enum(['appoint', 'remove']);

export const appointmentMethodSchema = z.enum([
  'appoint',
  'engage',
  'nominate',
  'acting',
  'remove',
  'resign',
  'dismiss',
]);

export const appointmentRecordSchema = z.object({
  doc_number: nullableText,
  person: z.string().min(1),
  action: appointmentActionSchema,
  method: appointmentMethodSchema,
  position: z.string().min(1),
  qualifiers: texts,
  notes: texts,
  meeting: nullableText,
  meeting_date: nullableText,
  signed_on: nullableText,
  confidence,
  reasons: texts,
});

/** A `ParsedDocument` without `entities` and `regulation`, which extraction publishes separately. */
export const segmentedDocumentSchema = z
  .object({
    title: text,
    doc_number: nullableText,
    issuers: texts,
    signed_on: nullableText,
    doc_type: nullableText,
    category: documentCategorySchema,
    section: nullableText,
    start_line: lineNumber,
    end_line: lineNumber,
    recipients: texts,
    body: text,
    attachments: texts,
    publicity: nullableText,
    text,
    confidence,
    reasons: texts,
  })
  .refine((d) => d.end_line >= d.start_line, { message: 'end_line must not be before start_line', path: ['end_line'] });

export type GazetteMetadataData = z.infer<typeof gazetteMetadataSchema>;
export type EntityData = z.infer<typeof entitySchema>;
export type RegulationTermsData = z.infer<typeof regulationTermsSchema>;
export type AppointmentRecordData = z.infer<typeof appointmentRecordSchema>;
export type SegmentedDocumentData = z.infer<typeof segmentedDocumentSchema>;
