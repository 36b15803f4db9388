import { z } from 'zod';
import type { StreamEvent } from './event-stream.reader';

/**
 * One line per fact the event stream announces: `14:03:22  appointment  <title>  (<doc number> ·
 * <region>)`, or the event's JSON as the server sent it for `--json`.
 */

/** The data of an `appointment` or `regulation` event; `fact` is only read for its doc number. */
export const factEventDataSchema = z.object({
  type: z.string(),
  fact_id: z.string(),
  region: z.string().nullable().optional(),
  title: z.string(),
  fact: z.record(z.string(), z.unknown()),
});
export type FactEventData = z.infer<typeof factEventDataSchema>;

export type EventLine = { ok: true; line: string } | { ok: false; reason: string };

const KIND_WIDTH = 'appointment'.length;

/**
 * Text from the server goes to a terminal: control characters (an escape sequence, a line break
 * in a title) become spaces so a line stays one line and cannot drive the terminal.
 */
function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').trim();
}

function localTime(at: Date): string {
  return [at.getHours(), at.getMinutes(), at.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

export function formatEventLine(event: StreamEvent, receivedAt: Date): EventLine {
  let json: unknown;
  try {
    json = JSON.parse(event.data);
  } catch {
    return { ok: false, reason: 'its data is not JSON' };
  }
  const data = factEventDataSchema.safeParse(json);
  if (!data.success) {
    const issues = data.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    return { ok: false, reason: `its data is not a fact event (${issues.join('; ')})` };
  }
  const { title, region, fact, type } = data.data;
  const kind = printable(event.event ?? type.split('.')[0]);
  const docNumber = typeof fact.doc_number === 'string' ? printable(fact.doc_number) : '';
  const where = [docNumber, region ? printable(region) : ''].filter(Boolean).join(' · ');
  return {
    ok: true,
    line: `${localTime(receivedAt)}  ${kind.padEnd(KIND_WIDTH)}  ${printable(title)}${where ? `  (${where})` : ''}`,
  };
}

/** `--json`: the data as sent, one object per line (a multi-line `data:` is joined back into one). */
export function formatEventJson(event: StreamEvent): EventLine {
  let json: unknown;
  try {
    json = JSON.parse(event.data);
  } catch {
    return { ok: false, reason: 'its data is not JSON' };
  }
  return { ok: true, line: event.data.includes('\n') ? JSON.stringify(json) : event.data };
}
