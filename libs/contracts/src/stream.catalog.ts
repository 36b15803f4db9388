/**
 * A JetStream stream as the pipeline wants it. Retention is always limits-based (consumers ack,
 * the stream keeps history for replays) and storage is file, so neither is a field here.
 */
export interface StreamDefinition {
  /** Base name; the messaging layer puts the namespace's stream prefix in front of it. */
  name: string;
  /** Base subject filters (without the namespace's subject prefix). */
  subjects: string[];
  maxAgeSeconds: number;
  /** Window in which the server drops a second message with the same `Nats-Msg-Id`. */
  duplicateWindowSeconds: number;
}

const DAY = 24 * 60 * 60;

/** Republishes after a crash arrive within seconds; two minutes covers a slow restart as well. */
const DUPLICATE_WINDOW_SECONDS = 120;

export const STREAMS: readonly StreamDefinition[] = Object.freeze([
  stream('GAZETTES', ['gazette.>'], 30),
  stream('DOCUMENTS', ['document.>'], 30),
  stream('FACTS', ['appointment.>', 'regulation.>'], 30),
  // Dead letters wait for a person to look at them, which can take longer than a month.
  stream('DEADLETTER', ['deadletter.>'], 90),
]);

/** The stream that captures a base subject; throws for a subject no stream holds (core NATS only). */
export function streamFor(subject: string): StreamDefinition {
  const stream = STREAMS.find((s) => s.subjects.some((pattern) => subjectMatches(pattern, subject)));
  if (!stream) throw new RangeError(`no stream captures subject "${subject}"`);
  return stream;
}

/** NATS subject matching: `*` is one token, a trailing `>` one or more tokens. */
export function subjectMatches(pattern: string, subject: string): boolean {
  const p = pattern.split('.');
  const s = subject.split('.');
  if (s.some((token) => token === '')) return false;
  for (let i = 0; i < p.length; i++) {
    if (p[i] === '>') return i === p.length - 1 && s.length > i;
    if (i >= s.length) return false;
    if (p[i] !== '*' && p[i] !== s[i]) return false;
  }
  return p.length === s.length;
}

/** Frozen, because every service shares these objects and provisioning compares against them. */
function stream(name: string, subjects: string[], maxAgeDays: number): StreamDefinition {
  return Object.freeze({
    name,
    subjects: Object.freeze([...subjects]) as string[],
    maxAgeSeconds: maxAgeDays * DAY,
    duplicateWindowSeconds: DUPLICATE_WINDOW_SECONDS,
  });
}
