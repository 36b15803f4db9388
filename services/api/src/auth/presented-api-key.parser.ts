/** The parts of an HTTP request a key can come in. */
export interface KeyCarrier {
  headers: Record<string, string | string[] | undefined>;
  query?: unknown;
}

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

/**
 * The API key a request presents: `Authorization: Bearer <key>`, else `X-API-Key`, else — only
 * where `fromQuery` allows, because URLs end up in logs and browser history — `?api_key=`. Feed
 * readers and `EventSource` cannot set headers, which is why feeds and streams allow it.
 */
export function presentedApiKey(request: KeyCarrier, fromQuery: boolean): string | null {
  const authorization = single(request.headers.authorization);
  const bearer = authorization ? BEARER.exec(authorization)?.[1] : undefined;
  if (bearer) return bearer;
  const header = single(request.headers['x-api-key'])?.trim();
  if (header) return header;
  if (fromQuery && typeof request.query === 'object' && request.query !== null) {
    const value = single((request.query as Record<string, unknown>).api_key);
    if (value) return value;
  }
  return null;
}

/** A repeated header or parameter is ambiguous, so it counts as absent. */
function single(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
