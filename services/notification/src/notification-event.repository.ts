import type { DataSource, EntityManager } from 'typeorm';
import type { NotificationFact } from './notification-fact.mapper';

export interface GazetteNotificationCount {
  done: number;
  /** When the latest fact of the gazette was recorded; null when none was. */
  updatedAt: Date | null;
}

/** What recording a fact changed: a first revision, or a new one because its content changed. */
export interface FactChange {
  action: 'created' | 'updated';
  revision: number;
}

/** The `notification_event` table: every fact at its latest revision. */
export class NotificationEventRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Records the fact when it is new or its digest differs from the stored one, and then runs
   * `onChange` in the same transaction (it writes the notifications and announces them): a failure
   * there rolls the revision back, so the redelivery tries again. A concurrent duplicate (another
   * replica, a replay) waits on the row until this transaction ends and then finds the same digest.
   * Returns the change, or null when the fact was already recorded as it is.
   */
  async recordChange(
    fact: NotificationFact,
    digest: string,
    onChange: (change: FactChange, manager: EntityManager) => Promise<void>,
  ): Promise<FactChange | null> {
    return this.dataSource.transaction(async (manager) => {
      const columns = [
        fact.eventId,
        fact.kind,
        fact.gazetteId,
        fact.documentId,
        fact.region,
        fact.docType,
        fact.subject,
        JSON.stringify(fact.payload),
        fact.correlationId,
        digest,
      ];
      const inserted: unknown[] = await manager.query(
        `INSERT INTO notification_event
           (event_id, kind, gazette_id, document_id, region, doc_type, subject, payload, correlation_id, digest)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (event_id) DO NOTHING
         RETURNING event_id`,
        columns,
      );
      let change: FactChange;
      if (inserted.length > 0) {
        change = { action: 'created', revision: 1 };
      } else {
        const [stored]: Array<{ digest: string | null; revision: number }> = await manager.query(
          'SELECT digest, revision FROM notification_event WHERE event_id = $1 FOR UPDATE',
          [fact.eventId],
        );
        if (stored.digest === digest) return null;
        if (stored.digest === null) {
          // Recorded before facts had digests: the same announcement, now with its digest.
          await manager.query('UPDATE notification_event SET digest = $2 WHERE event_id = $1', [fact.eventId, digest]);
          return null;
        }
        change = { action: 'updated', revision: stored.revision + 1 };
        await manager.query(
          `UPDATE notification_event SET
             kind = $2, gazette_id = $3, document_id = $4, region = $5, doc_type = $6, subject = $7, payload = $8,
             correlation_id = $9, digest = $10, revision = $11, updated_at = now()
           WHERE event_id = $1`,
          [...columns, change.revision],
        );
      }
      await onChange(change, manager);
      return change;
    });
  }

  async countForGazette(gazetteId: string): Promise<GazetteNotificationCount> {
    const rows: Array<{ done: number; updated_at: Date | null }> = await this.dataSource.query(
      `SELECT COUNT(*)::int AS done, MAX(updated_at) AS updated_at FROM notification_event WHERE gazette_id = $1`,
      [gazetteId],
    );
    return { done: rows[0]?.done ?? 0, updatedAt: rows[0]?.updated_at ?? null };
  }
}
