import type { DataSource } from 'typeorm';
import { NotificationEventEntity } from './entities/notification-event.entity';
import type { NotificationFact } from './notification-fact.mapper';

export interface GazetteNotificationCount {
  done: number;
  /** When the latest fact of the gazette was recorded; null when none was. */
  updatedAt: Date | null;
}

/** The `notification_event` table. */
export class NotificationEventRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Records the fact unless its row exists and, only when this call inserted the row, runs
   * `announce` before the insert commits. A failed announcement rolls the row back, so the
   * redelivery tries again; a concurrent duplicate (another replica, a replay) waits on the row's
   * key until this transaction ends and then finds it, so it neither records nor announces again.
   * Returns whether this call recorded (and announced) the fact.
   */
  async recordOnce(fact: NotificationFact, announce: () => Promise<void>): Promise<boolean> {
    const table = this.dataSource.getMetadata(NotificationEventEntity).tablePath;
    return this.dataSource.transaction(async (manager) => {
      const inserted = (await manager.query(
        `INSERT INTO ${table}
           (event_id, kind, gazette_id, document_id, region, doc_type, subject, payload, correlation_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (event_id) DO NOTHING
         RETURNING event_id`,
        [
          fact.eventId,
          fact.kind,
          fact.gazetteId,
          fact.documentId,
          fact.region,
          fact.docType,
          fact.subject,
          JSON.stringify(fact.payload),
          fact.correlationId,
        ],
      )) as Array<{ event_id: string }>;
      if (inserted.length === 0) return false;
      await announce();
      return true;
    });
  }

  async countForGazette(gazetteId: string): Promise<GazetteNotificationCount> {
    const row = await this.dataSource
      .getRepository(NotificationEventEntity)
      .createQueryBuilder('event')
      .select('COUNT(*)::int', 'done')
      .addSelect('MAX(event.received_at)', 'updated_at')
      .where('event.gazette_id = :gazetteId', { gazetteId })
      .getRawOne<{ done: number; updated_at: Date | null }>();
    return { done: row?.done ?? 0, updatedAt: row?.updated_at ?? null };
  }
}
