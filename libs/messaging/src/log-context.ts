import { AsyncLocalStorage } from 'node:async_hooks';

/** What every log line written while handling one message or request carries. */
export interface LogContext {
  /** The service doing the work; several services share one process in the tests. */
  readonly service?: string;
  /** The envelope's `correlation_id`, or the id of the ingest request that started the chain. */
  correlationId?: string;
}

const storage = new AsyncLocalStorage<LogContext>();

/**
 * Runs `work` with `context` visible to every log call made inside it, however deep and across
 * awaits, so that use cases log the correlation id without passing it around.
 */
export function runInLogContext<T>(context: LogContext, work: () => T): T {
  return storage.run(context, work);
}

export function currentLogContext(): LogContext | undefined {
  return storage.getStore();
}
