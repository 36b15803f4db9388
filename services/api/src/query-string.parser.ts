/** Query parameters that the contracts type as integers. */
const INTEGER_PARAMETERS = new Set(['limit', 'offset']);

/**
 * Turns Express's query object into the shape the request schemas expect: decimal integers become
 * numbers for the integer parameters, and empty values (`?region=`) count as absent. Anything
 * else — a word where a number belongs, a repeated parameter — is left for the schema to reject.
 */
export function queryInput(query: Record<string, unknown>): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === '') continue;
    input[key] =
      INTEGER_PARAMETERS.has(key) && typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : value;
  }
  return input;
}
