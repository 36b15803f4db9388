import type { Tenure } from '@gazette-watch/appointment-rules';
import type { Tenure as TenureView } from '@gazette-watch/contracts';
import type { TenureEntity } from './entities/tenure.entity';

/** A tenure of the rules as a row; `updatedAt` is the database's to set, the version the writer's. */
export type TenureRow = Omit<TenureEntity, 'updatedAt' | 'pipelineVersion'>;

export function tenureRow(tenure: Tenure): TenureRow {
  return {
    tenureId: tenure.id,
    person: tenure.person,
    postKey: tenure.post.key,
    organisation: tenure.post.organisation,
    organisationFull: tenure.post.organisation_full,
    title: tenure.post.title,
    start: tenure.start,
    end: tenure.end,
    status: tenure.status,
    startDocumentId: tenure.start_doc,
    startDocNumber: tenure.start_doc_number,
    endDocumentId: tenure.end_doc,
    endDocNumber: tenure.end_doc_number,
    predecessorId: tenure.predecessor_id,
    successorId: tenure.successor_id,
    evidence: tenure.evidence.map((item) => ({ ...item, qualifiers: [...item.qualifiers] })),
  };
}

/** The inverse of `tenureRow`: a stored row as the rules' snapshot holds it. */
export function tenureOfRow(row: TenureRow): Tenure {
  return {
    id: row.tenureId,
    person: row.person,
    post: {
      key: row.postKey,
      organisation: row.organisation,
      organisation_full: row.organisationFull,
      title: row.title,
    },
    start: row.start,
    end: row.end,
    status: row.status,
    start_doc: row.startDocumentId,
    start_doc_number: row.startDocNumber,
    end_doc: row.endDocumentId,
    end_doc_number: row.endDocNumber,
    predecessor_id: row.predecessorId,
    successor_id: row.successorId,
    evidence: row.evidence,
  };
}

/** A tenure as the query contracts show it; the organisation is the resolved full name. */
export function tenureView(tenure: Tenure): TenureView {
  return {
    tenure_id: tenure.id,
    person: tenure.person,
    post_key: tenure.post.key,
    organisation: tenure.post.organisation_full,
    title: tenure.post.title,
    start: tenure.start,
    end: tenure.end,
    status: tenure.status,
    start_document_id: tenure.start_doc,
    end_document_id: tenure.end_doc,
    predecessor_id: tenure.predecessor_id,
    successor_id: tenure.successor_id,
  };
}
