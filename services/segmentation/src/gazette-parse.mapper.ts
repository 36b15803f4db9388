import { documentId, type DocumentSegmentedPayload } from '@gazette-watch/contracts';
import type { GazetteParse, ParsedDocument } from '@gazette-watch/parser';
import type { DocumentEntity } from './entities/document.entity';
import type { GazetteIssueEntity } from './entities/gazette-issue.entity';

/**
 * Pure translations of one `GazetteParse` into the rows segmentation stores and the events it
 * publishes. Documents are identified by their position in the parse, as `documentId` prescribes.
 */

export function gazetteIssueRow(
  gazetteId: string,
  parse: GazetteParse,
  pipelineVersion: string,
  segmentedAt: Date,
): GazetteIssueEntity {
  const { gazette } = parse;
  return {
    gazetteId,
    publisher: gazette.publisher,
    region: gazette.region,
    year: gazette.year,
    issue: gazette.issue,
    totalIssue: gazette.total_issue,
    publishedOn: gazette.published_on,
    toc: parse.toc,
    tocCheck: parse.toc_check,
    warnings: parse.warnings,
    documentCount: parse.documents.length,
    appointmentCount: parse.appointments.length,
    regulationCount: parse.documents.filter((d) => d.category === 'regulation').length,
    pipelineVersion,
    segmentedAt,
  };
}

export function documentRows(gazetteId: string, parse: GazetteParse, pipelineVersion: string): DocumentEntity[] {
  return parse.documents.map((document, index) => ({
    documentId: documentId(gazetteId, index),
    gazetteId,
    index,
    title: document.title,
    docNumber: document.doc_number,
    issuers: document.issuers,
    signedOn: document.signed_on,
    docType: document.doc_type,
    category: document.category,
    section: document.section,
    startLine: document.start_line,
    endLine: document.end_line,
    recipients: document.recipients,
    body: document.body,
    attachments: document.attachments,
    publicity: document.publicity,
    text: document.text,
    confidence: document.confidence,
    reasons: document.reasons,
    region: parse.gazette.region,
    publisher: parse.gazette.publisher,
    pipelineVersion,
  }));
}

/** One `document.segmented` payload per document, each with the appointments read from that document. */
export function segmentedPayloads(
  gazetteId: string,
  parse: GazetteParse,
  pipelineVersion: string,
): DocumentSegmentedPayload[] {
  return parse.documents.map((parsed, index) => ({
    document_id: documentId(gazetteId, index),
    gazette_id: gazetteId,
    index,
    gazette: parse.gazette,
    document: withoutExtraction(parsed),
    appointments: parse.appointments
      .filter((appointment) => appointment.document_index === index)
      .map(({ document_index: _index, ...record }) => record),
    pipeline_version: pipelineVersion,
  }));
}

/** Entities and regulation terms are extraction's to compute and publish. */
function withoutExtraction(parsed: ParsedDocument): DocumentSegmentedPayload['document'] {
  const { entities: _entities, regulation: _regulation, ...document } = parsed;
  return document;
}
