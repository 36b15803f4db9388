import type { DataSource, Repository } from 'typeorm';
import { DeadLetterEntity } from './dead-letter.entity';

export interface DeadLetterEntry {
  service: string;
  subject: string;
  streamSeq: number;
  deliveries: number;
  reason: string;
  error: string;
  data: string;
  /** Defaults to the database's `now()`. */
  failedAt?: Date;
}

export interface ListDeadLettersOptions {
  /** Only this service's dead letters; all of them (in this schema) when omitted. */
  service?: string;
  /** At most this many rows, newest first; default 100. */
  limit?: number;
}

const CONFLICT_TARGET = ['service', 'subject', 'stream_seq'];
// `failed_at` is deliberately absent: a repeated record keeps the time of the first failure.
const OVERWRITTEN_ON_CONFLICT = ['deliveries', 'reason', 'error', 'data'];

/** The `dead_letter` table of the schema the given data source is bound to. */
export class DeadLetterRepository {
  private readonly repository: Repository<DeadLetterEntity>;

  constructor(dataSource: DataSource) {
    this.repository = dataSource.getRepository(DeadLetterEntity);
  }

  /**
   * Stores a dead letter keyed by (service, subject, stream_seq). Recording the same delivery again
   * — a crash between storing and `term`, or a redelivery — updates the row instead of adding one.
   */
  async record(entry: DeadLetterEntry): Promise<DeadLetterEntity> {
    await this.repository
      .createQueryBuilder()
      .insert()
      .into(DeadLetterEntity)
      .values({
        service: entry.service,
        subject: entry.subject,
        streamSeq: entry.streamSeq,
        deliveries: entry.deliveries,
        reason: entry.reason,
        error: entry.error,
        data: entry.data,
        ...(entry.failedAt ? { failedAt: entry.failedAt } : {}),
      })
      .orUpdate(OVERWRITTEN_ON_CONFLICT, CONFLICT_TARGET, { skipUpdateIfNoValuesChanged: true })
      .execute();
    return this.repository.findOneByOrFail({
      service: entry.service,
      subject: entry.subject,
      streamSeq: entry.streamSeq,
    });
  }

  async list(options: ListDeadLettersOptions = {}): Promise<DeadLetterEntity[]> {
    const limit = options.limit ?? 100;
    if (!Number.isInteger(limit) || limit < 1) {
      throw new Error(`DeadLetterRepository.list: limit must be a positive integer, got ${limit}`);
    }
    return this.repository.find({
      where: options.service === undefined ? {} : { service: options.service },
      order: { failedAt: 'DESC', id: 'DESC' },
      take: limit,
    });
  }
}
