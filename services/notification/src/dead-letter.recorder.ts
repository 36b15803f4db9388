import type { DeadLetterEntry, DeadLetterRecorder } from '@gazette-watch/messaging';
import type { DeadLetterRepository } from '@gazette-watch/persistence';

/**
 * Stores the transport's dead letters in the service's `dead_letter` table. The transport speaks
 * the wire format (snake_case); the repository takes the table's camelCase fields.
 */
export class DeadLetterTableRecorder implements DeadLetterRecorder {
  constructor(private readonly deadLetters: DeadLetterRepository) {}

  async record(entry: DeadLetterEntry): Promise<void> {
    await this.deadLetters.record({
      service: entry.service,
      subject: entry.subject,
      streamSeq: entry.stream_seq,
      deliveries: entry.deliveries,
      reason: entry.reason,
      error: entry.error,
      data: entry.data,
      failedAt: new Date(entry.failed_at),
    });
  }
}
