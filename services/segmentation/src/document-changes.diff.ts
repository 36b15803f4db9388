import type { ReplayDocumentChanges, ReplayDocumentRef } from '@gazette-watch/contracts';
import type { DocumentEntity } from './entities/document.entity';

/**
 * What a re-parse changed of a gazette's documents, by document id. A document is changed when any
 * field segmentation stores differs; the pipeline version is left out, as a newer parser that
 * finds the same document has changed nothing anyone reads.
 */

/** The stored fields compared, in a fixed order so that rows read back from the database compare by value. */
const COMPARED_FIELDS = [
  'title',
  'docNumber',
  'issuers',
  'signedOn',
  'docType',
  'category',
  'section',
  'startLine',
  'endLine',
  'recipients',
  'body',
  'attachments',
  'publicity',
  'text',
  'confidence',
  'reasons',
  'region',
  'publisher',
] as const satisfies readonly (keyof DocumentEntity)[];

export type ComparedDocument = Pick<DocumentEntity, 'documentId' | (typeof COMPARED_FIELDS)[number]>;

/** The fields that differ between two versions of one document (none: unchanged). */
export function changedDocumentFields(before: ComparedDocument, after: ComparedDocument): string[] {
  return COMPARED_FIELDS.filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]));
}

/** Added, removed and changed documents, each list in document order. */
export function documentsDiff(
  before: readonly ComparedDocument[],
  after: readonly ComparedDocument[],
): ReplayDocumentChanges {
  const old = new Map(before.map((document) => [document.documentId, document]));
  const current = new Set(after.map((document) => document.documentId));
  const added: ReplayDocumentRef[] = [];
  const changed: ReplayDocumentRef[] = [];
  for (const document of after) {
    const previous = old.get(document.documentId);
    if (!previous) added.push(refOf(document));
    else if (changedDocumentFields(previous, document).length > 0) changed.push(refOf(document));
  }
  const removed = before.filter((document) => !current.has(document.documentId)).map(refOf);
  return { added: sorted(added), removed: sorted(removed), changed: sorted(changed) };
}

function refOf(document: ComparedDocument): ReplayDocumentRef {
  return { document_id: document.documentId, title: document.title };
}

/** By gazette, then by index within it (ids are `<gazette>:<index>`: "10" must follow "9"). */
function sorted(refs: ReplayDocumentRef[]): ReplayDocumentRef[] {
  const key = (ref: ReplayDocumentRef) => {
    const colon = ref.document_id.lastIndexOf(':');
    return { gazette: ref.document_id.slice(0, colon), index: Number(ref.document_id.slice(colon + 1)) };
  };
  return refs.sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    return x.gazette < y.gazette ? -1 : x.gazette > y.gazette ? 1 : x.index - y.index;
  });
}
