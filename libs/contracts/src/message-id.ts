import { createHash } from 'node:crypto';

/**
 * Deterministic identifiers. A message id is also the JetStream `Nats-Msg-Id`: a republish of the
 * same fact after a crash carries the same id and the server drops it inside the duplicate window.
 */

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** A gazette is identified by its content, so ingesting the same file twice is one gazette. */
export function gazetteId(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function isGazetteId(value: string): boolean {
  return SHA256_HEX.test(value);
}

/** `<gazetteId>:<index>`, index being the 0-based position of the document in the parse. */
export function documentId(gazette: string, index: number): string {
  if (!isGazetteId(gazette)) throw new RangeError(`gazette id "${gazette}" is not a sha256 hex digest`);
  if (!Number.isSafeInteger(index) || index < 0) throw new RangeError(`document index ${index} is not an integer ≥ 0`);
  return `${gazette}:${index}`;
}

/** The parts of a document id, or null when the string is not one. */
export function parseDocumentId(value: string): { gazetteId: string; index: number } | null {
  const match = /^([0-9a-f]{64}):(0|[1-9][0-9]*)$/.exec(value);
  return match ? { gazetteId: match[1], index: Number(match[2]) } : null;
}

/** A replay run names itself in message ids; keep it to characters that cannot fake another suffix. */
const REPLAY_RUN = /^[A-Za-z0-9_-]+$/;

/**
 * `<type>:<key>`, or `<type>:<key>@replay:<run>` for a replay, whose republished events must not be
 * swallowed as duplicates of the originals. The type is part of the id because several event
 * types share a key (segmented and extracted are both keyed by the document id).
 */
export function messageId(type: string, key: string, replayRun?: string): string {
  if (!type || !key) throw new RangeError('a message id needs a type and a key');
  if (replayRun === undefined) return `${type}:${key}`;
  if (!REPLAY_RUN.test(replayRun)) {
    throw new RangeError(`replay run "${replayRun}" must be letters, digits, "_" or "-"`);
  }
  return `${type}:${key}@replay:${replayRun}`;
}

/**
 * An appointment's natural key within its document: who, appointed or removed, to or from what.
 * The text is normalised first (NFKC folds full-width forms, whitespace is dropped because PDF
 * extraction spaces Chinese letters apart) so that re-parsing a slightly different rendering of
 * the same notice yields the same id.
 */
export function appointmentId(document: string, person: string, action: string, position: string): string {
  const parts = [document, normaliseKeyText(person), action.trim().toLowerCase(), normaliseKeyText(position)];
  // U+001F cannot occur in the parts, so ("ab", "c") and ("a", "bc") hash differently.
  return createHash('sha256').update(parts.join('\u001f')).digest('hex').slice(0, 32);
}

function normaliseKeyText(text: string): string {
  return text.normalize('NFKC').replace(/[\p{White_Space}\p{Cc}\p{Cf}]+/gu, '');
}
