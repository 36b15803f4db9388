import type { Tenure, TimelineChanges } from '@gazette-watch/appointment-rules';
import type { DataSource, EntityManager } from 'typeorm';
import { TenureEntity } from './entities/tenure.entity';
import { tenureOfRow, tenureRow } from './tenure-row.mapper';

const TENURE_UPDATED = [
  'person',
  'post_key',
  'organisation',
  'organisation_full',
  'title',
  'start',
  'end',
  'status',
  'start_document_id',
  'start_doc_number',
  'end_document_id',
  'end_doc_number',
  'predecessor_id',
  'successor_id',
  'evidence',
  'pipeline_version',
  'updated_at',
];

/** The `tenure` table: the stored timeline the rules are applied to. */
export class TenureRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Serialises the documents that touch the same posts until the transaction ends: the rules
   * rebuild a post from its stored tenures, and two replicas applying records to one post at once
   * would each miss the other's. Keys are locked in sorted order so that two documents naming the
   * same posts cannot deadlock.
   */
  async lockPosts(manager: EntityManager, postKeys: readonly string[]): Promise<void> {
    if (postKeys.length === 0) return;
    await manager.query(
      `SELECT pg_advisory_xact_lock(hashtextextended('appointments:post:' || k, 0))
       FROM (SELECT DISTINCT k FROM unnest($1::text[]) AS k ORDER BY k) AS keys`,
      [[...postKeys]],
    );
  }

  /** Every stored tenure of the given posts, which is what the rules need to apply new records. */
  async ofPosts(manager: EntityManager, postKeys: readonly string[]): Promise<Tenure[]> {
    if (postKeys.length === 0) return [];
    const rows = await manager
      .getRepository(TenureEntity)
      .createQueryBuilder('t')
      .where('t.post_key = ANY(:keys)', { keys: [...postKeys] })
      .getMany();
    return rows.map(tenureOfRow);
  }

  /**
   * Rows, then deletions, as `TimelineChanges` asks. Every link change belongs to a row in `upsert`,
   * which carries its links already; without foreign keys between tenures there is no need to
   * write links in a second pass.
   */
  async apply(manager: EntityManager, changes: TimelineChanges, pipelineVersion: string): Promise<void> {
    if (changes.upsert.length > 0) {
      await manager
        .createQueryBuilder()
        .insert()
        .into(TenureEntity)
        .values(changes.upsert.map((tenure) => ({ ...tenureRow(tenure), pipelineVersion })))
        .orUpdate(TENURE_UPDATED, ['tenure_id'])
        .execute();
    }
    if (changes.delete.length > 0) {
      await manager.query('DELETE FROM tenure WHERE tenure_id = ANY($1::text[])', [[...changes.delete]]);
    }
  }

  async ofPerson(person: string): Promise<Tenure[]> {
    const rows = await this.dataSource.getRepository(TenureEntity).find({ where: { person } });
    return rows.map(tenureOfRow);
  }

  async ofPost(postKey: string): Promise<Tenure[]> {
    const rows = await this.dataSource.getRepository(TenureEntity).find({ where: { postKey } });
    return rows.map(tenureOfRow);
  }
}
