import type { RpcRequest } from '@gazette-watch/contracts';

export type DocumentSearchRequest = RpcRequest<'documents.search'>;

/** A parameterised WHERE clause over the `document` table (aliased `d`). */
export interface SqlFilter {
  /** `TRUE` when nothing is filtered, so it can always follow `WHERE`. */
  where: string;
  params: unknown[];
}

/**
 * The conditions of a `documents.search` request. Every value travels as a bind parameter; only
 * column names and operators are written into the SQL text.
 */
export function documentSearchFilter(request: Omit<DocumentSearchRequest, 'limit' | 'offset'>): SqlFilter {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const bind = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  if (request.gazette_id !== undefined) clauses.push(`d.gazette_id = ${bind(request.gazette_id)}`);
  if (request.region !== undefined) clauses.push(`d.region = ${bind(request.region)}`);
  if (request.kind !== undefined) clauses.push(`d.doc_type = ${bind(request.kind)}`);
  if (request.category !== undefined) clauses.push(`d.category = ${bind(request.category)}`);
  // Containment of a one-element array is "issuer is one of issuers", and uses the GIN index.
  if (request.issuer !== undefined) clauses.push(`d.issuers @> ${bind(JSON.stringify([request.issuer]))}::jsonb`);
  // ISO dates (and months) compare correctly as text.
  if (request.from !== undefined) clauses.push(`d.signed_on >= ${bind(request.from)}`);
  if (request.to !== undefined) clauses.push(`d.signed_on <= ${bind(request.to)}`);
  if (request.text !== undefined) {
    const pattern = bind(containsPattern(request.text));
    clauses.push(`(d.title ILIKE ${pattern} ESCAPE '\\' OR d.body ILIKE ${pattern} ESCAPE '\\')`);
  }
  return { where: clauses.length ? clauses.join(' AND ') : 'TRUE', params };
}

/** An ILIKE pattern matching `text` anywhere, with the user's `%`, `_` and `\` taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
