import type { DeadLetterEntry, DeadLetterRecorder } from '@gazette-watch/messaging';
import { DeadLetterRepository } from '@gazette-watch/persistence';
import type { DataSource } from 'typeorm';

/**
 * The transport's dead letters (snake_case, as published on `deadletter.appointments`) stored in
 * this service's `dead_letter` table (whose repository speaks camelCase).
 */
export class AppointmentsDeadLetterRepository implements DeadLetterRecorder {
  private readonly table: DeadLetterRepository;

  constructor(dataSource: DataSource) {
    this.table = new DeadLetterRepository(dataSource);
  }

  async record(entry: DeadLetterEntry): Promise<void> {
    await this.table.record({
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
