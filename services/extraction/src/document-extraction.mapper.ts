import type {
  DocumentExtractedPayload,
  DocumentSegmentedPayload,
  RegulationPublishedPayload,
} from '@gazette-watch/contracts';
import {
  documentEntityContext,
  extractEntities,
  extractRegulationTerms,
  type Entity,
  type RegulationTerms,
} from '@gazette-watch/parser';
import type { EntityMentionEntity } from './entities/entity-mention.entity';

export interface DocumentExtraction {
  entities: Entity[];
  /** Only for documents of category `regulation`. */
  regulation: RegulationTerms | null;
}

/**
 * The entities and regulation terms of one segmented document, computed exactly as `parseGazette`
 * computes them for the whole gazette (same context, same text), so both agree.
 */
export function extractDocument(segmented: DocumentSegmentedPayload): DocumentExtraction {
  const { document } = segmented;
  const context = documentEntityContext(segmented.gazette, document);
  return {
    entities: extractEntities(document.text, context),
    regulation: document.category === 'regulation' ? extractRegulationTerms(document.text, context) : null,
  };
}

/** One row per entity, numbered by its position in the list. */
export function entityMentionRows(
  documentId: string,
  entities: readonly Entity[],
  pipelineVersion: string,
): EntityMentionEntity[] {
  return entities.map((entity, ordinal) => ({
    documentId,
    ordinal,
    type: entity.type,
    text: entity.text,
    start: entity.start,
    end: entity.end,
    value: entity.value === undefined || entity.value === null ? null : String(entity.value),
    unit: entity.unit ?? null,
    docNumber: entity.doc_number ?? null,
    pipelineVersion,
  }));
}

export function extractedPayload(
  segmented: DocumentSegmentedPayload,
  extraction: DocumentExtraction,
  pipelineVersion: string,
): DocumentExtractedPayload {
  return {
    document_id: segmented.document_id,
    gazette_id: segmented.gazette_id,
    category: segmented.document.category,
    region: segmented.gazette.region,
    entities: extraction.entities,
    regulation: extraction.regulation,
    // Passed along untouched: the appointments service works from this event alone.
    appointments: segmented.appointments,
    document: documentFacts(segmented),
    pipeline_version: pipelineVersion,
  };
}

export function regulationPayload(
  segmented: DocumentSegmentedPayload,
  regulation: RegulationTerms,
  pipelineVersion: string,
): RegulationPublishedPayload {
  const { document, gazette } = segmented;
  return {
    document_id: segmented.document_id,
    gazette_id: segmented.gazette_id,
    region: gazette.region,
    publisher: gazette.publisher,
    title: document.title,
    doc_number: document.doc_number,
    doc_type: document.doc_type,
    signed_on: document.signed_on,
    effective_from: regulation.effective_from,
    effective_until: regulation.effective_until,
    repeals: regulation.repeals,
    issuers: document.issuers,
    body: document.body,
    pipeline_version: pipelineVersion,
  };
}

/** What subscribers filter facts on, passed along so no later stage has to ask for the document. */
function documentFacts({ document, gazette }: DocumentSegmentedPayload): DocumentExtractedPayload['document'] {
  return {
    title: document.title,
    doc_type: document.doc_type,
    publisher: gazette.publisher,
    issuers: document.issuers,
  };
}
