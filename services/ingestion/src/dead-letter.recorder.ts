import type { DeadLetterEntry, DeadLetterRecorder } from '@gazette-watch/messaging';
import type { DeadLetterEntry as DeadLetterRow, DeadLetterRepository } from '@gazette-watch/persistence';

/** messaging's snake_case entry as persistence's camelCase row. */
export function deadLetterRowOf(entry: DeadLetterEntry): DeadLetterRow {
  return {
    service: entry.service,
    subject: entry.subject,
    streamSeq: entry.stream_seq,
    deliveries: entry.deliveries,
    reason: entry.reason,
    error: entry.error,
    data: entry.data,
    failedAt: new Date(entry.failed_at),
  };
}

/**
 * Keeps the transport's dead letters in this schema's `dead_letter` table. The ingestion service
 * consumes no stream today, so nothing reaches it yet; it is wired so that a handler added later
 * is covered from its first failure.
 */
export class DeadLetterTableRecorder implements DeadLetterRecorder {
  constructor(private readonly repository: DeadLetterRepository) {}

  async record(entry: DeadLetterEntry): Promise<void> {
    await this.repository.record(deadLetterRowOf(entry));
  }
}
