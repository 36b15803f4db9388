import { createHash } from 'node:crypto';
import { normaliseName } from './name.normaliser';

/**
 * The id of a tenure, derived from what identifies it so that re-processing a gazette finds the
 * same row instead of adding one. The parts are normalised here too, so that a caller passing the
 * printed name gets the same id. The unit separator cannot occur in a name, so parts cannot run
 * into each other.
 */
export function tenureId(person: string, postKey: string, start: string | null): string {
  const material = [normaliseName(person), normaliseName(postKey), start ?? 'unknown'].join('\u001f');
  return createHash('sha256').update(material, 'utf8').digest('hex').slice(0, 32);
}
