import type { DataSource } from 'typeorm';
import { DeadLetterRepository } from './dead-letter.repository';

/**
 * A dead letter as the JetStream transport hands it over (the wire format, snake_case): the shape
 * of `@gazette-watch/messaging`'s `DeadLetterEntry`, restated so that persistence needs no
 * dependency on messaging.
 */
export interface TransportDeadLetter {
  service: string;
  subject: string;
  stream_seq: number;
  deliveries: number;
  reason: string;
  error: string;
  data: string;
  failed_at: string;
}

/** The transport's dead-letter recorder for a service: its dead letters kept in its own `dead_letter` table. */
export class DeadLetterTableRecorder {
  private readonly table: DeadLetterRepository;

  constructor(dataSource: DataSource) {
    this.table = new DeadLetterRepository(dataSource);
  }

  async record(entry: TransportDeadLetter): Promise<void> {
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
