import { subscriptionFilterSchema, type SubscriptionFilter } from '@gazette-watch/contracts';
import { parseInput } from './request-input.parser';

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

/**
 * A `SubscriptionFilter` written as a query string: each field a comma-separated list
 * (`?kinds=appointment&regions=吕梁市,太原市`), a repeated parameter adding to its list. Empty
 * parameters count as absent; empty pieces (`a,,b`) are dropped. Unknown parameters are kept, so
 * the strict schema names them in its 400.
 */
export function filterQueryInput(query: Record<string, unknown>): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(query)) {
    const parts = (Array.isArray(value) ? value : [value]).filter((part): part is string => typeof part === 'string');
    if (parts.every((part) => part === '')) continue;
    input[key] = parts.flatMap((part) => part.split(',')).filter((term) => term.trim() !== '');
  }
  return input;
}

/** The filter a query string describes, validated like a subscription's (throws `InvalidQueryError`). */
export function subscriptionFilterOf(query: Record<string, unknown>): SubscriptionFilter {
  return parseInput(subscriptionFilterSchema, filterQueryInput(query), 'filter');
}
