import { createHash } from 'node:crypto';

/** Not part of the fact: a new parser version that reads the same thing is not a change. */
const IGNORED_TOP_LEVEL_KEYS = new Set(['pipeline_version']);

/**
 * JSON with object keys sorted by UTF-16 code units at every depth and no whitespace; for JSON
 * values this is RFC 8785 (JCS). `undefined` members are left out, as `JSON.stringify` does.
 */
function canonicalJson(value: unknown, ancestors: object[]): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'bigint') throw new TypeError('a fact digest cannot encode a bigint');
    // undefined, functions and symbols: only reachable inside arrays, where JSON writes null.
    return JSON.stringify(value) ?? 'null';
  }
  if (ancestors.includes(value)) throw new TypeError('a fact digest cannot encode a cyclic value');
  const inner = [...ancestors, value];
  const withToJson = value as { toJSON?: () => unknown };
  if (typeof withToJson.toJSON === 'function') return canonicalJson(withToJson.toJSON(), inner);
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item, inner)).join(',')}]`;
  const members = Object.keys(value)
    .sort()
    .filter((key) => isEncodable((value as Record<string, unknown>)[key]))
    .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key], inner)}`);
  return `{${members.join(',')}}`;
}

function isEncodable(value: unknown): boolean {
  return value !== undefined && typeof value !== 'function' && typeof value !== 'symbol';
}

/**
 * sha256 hex of the payload's canonical JSON without `pipeline_version`: equal digests mean a
 * re-run found nothing new, so no `updated` notification goes out.
 */
export function factDigest(payload: Record<string, unknown>): string {
  const fact = Object.fromEntries(Object.entries(payload).filter(([key]) => !IGNORED_TOP_LEVEL_KEYS.has(key)));
  return createHash('sha256').update(canonicalJson(fact, []), 'utf8').digest('hex');
}
