import type { z } from 'zod';

/** One problem found in a message, with the path into it (`payload.document.title`). */
export interface ContractIssue {
  path: string;
  message: string;
}

/** How many issues the one-line message spells out before it only counts the rest. */
const ISSUES_IN_MESSAGE = 3;

/**
 * A message that does not fit its contract. Permanent by nature: redelivering the same bytes
 * cannot fix it, so the messaging layer dead-letters it at once.
 */
export class ContractViolation extends Error {
  override readonly name = 'ContractViolation';

  constructor(
    /** What was being checked, e.g. `document.segmented v1` or `rpc gazette.fetch reply`. */
    readonly subject: string,
    readonly issues: readonly ContractIssue[],
  ) {
    super(`${subject}: ${summarise(issues)}`);
  }

  /** From zod's issues, with the paths below `prefix` (e.g. `payload`). */
  static fromZod(subject: string, error: z.ZodError, prefix: string[] = []): ContractViolation {
    return new ContractViolation(
      subject,
      error.issues.map((issue) => ({
        path: formatPath([...prefix, ...issue.path]),
        message: issue.message,
      })),
    );
  }
}

function summarise(issues: readonly ContractIssue[]): string {
  const shown = issues.slice(0, ISSUES_IN_MESSAGE).map((i) => (i.path ? `${i.path}: ${i.message}` : i.message));
  const rest = issues.length - shown.length;
  // One line, so that a log line or a dead letter's reason column shows the whole of it.
  return (shown.join('; ') + (rest > 0 ? `; and ${rest} more` : '')).replace(/\s*\n\s*/g, ' ');
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => {
    if (typeof key === 'number') return `${out}[${key}]`;
    return out ? `${out}.${String(key)}` : String(key);
  }, '');
}
