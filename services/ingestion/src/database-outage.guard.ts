import { TransientError } from '@gazette-watch/messaging';

/** PostgreSQL error classes that mean "not now" rather than "never" (connection, shutdown, resources). */
const TRANSIENT_SQLSTATE = /^(08|53|57P)/;
const TRANSIENT_SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND']);

/** Runs a database call; an outage becomes a `TransientError`, so callers answer 503 / "retry" instead of 500. */
export async function guardDatabase<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUnavailable(error)) {
      throw new TransientError(`PostgreSQL unavailable: ${(error as Error).message}`, { cause: error });
    }
    throw error;
  }
}

function isUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') {
    // pg reports a pool that cannot reach the server through plain Errors.
    return (
      error instanceof Error && /connection terminated|timeout exceeded when trying to connect/i.test(error.message)
    );
  }
  return TRANSIENT_SQLSTATE.test(code) || TRANSIENT_SOCKET_CODES.has(code);
}
