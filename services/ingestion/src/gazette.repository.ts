import type { ReplaySelection } from '@gazette-watch/contracts';
import { TransientError } from '@gazette-watch/messaging';
import type { DataSource, Repository } from 'typeorm';
import { guardDatabase } from './database-outage.guard';
import { GazetteEntity } from './entities/gazette.entity';

/** What the ingest use case stores; `received_at` comes from the database clock. */
export interface NewGazette {
  gazetteId: string;
  bytes: Uint8Array;
  fileName: string;
  mediaType: string;
  encoding: string;
  region: string | null;
  url: string | null;
  publishedOn: string | null;
  correlationId: string;
}

/** A stored gazette without its bytes. */
export type GazetteMetadata = Omit<GazetteEntity, 'bytes'>;

export interface StoreOutcome {
  /** False when a row with this id already existed; it was left untouched. */
  inserted: boolean;
  gazette: GazetteMetadata;
}

export interface GazettePage {
  total: number;
  items: GazetteMetadata[];
}

/** The `gazette` table. */
export class GazetteRepository {
  private readonly repository: Repository<GazetteEntity>;

  constructor(dataSource: DataSource) {
    this.repository = dataSource.getRepository(GazetteEntity);
  }

  /**
   * Inserts the gazette unless its id is already stored. A concurrent insert of the same file
   * waits on the primary key and then finds the row, so both callers agree on one stored version.
   */
  async storeIfAbsent(gazette: NewGazette): Promise<StoreOutcome> {
    return this.guard(async () => {
      const result = await this.repository
        .createQueryBuilder()
        .insert()
        .into(GazetteEntity)
        .values({
          gazetteId: gazette.gazetteId,
          bytes: Buffer.from(gazette.bytes.buffer, gazette.bytes.byteOffset, gazette.bytes.byteLength),
          fileName: gazette.fileName,
          mediaType: gazette.mediaType,
          byteLength: gazette.bytes.byteLength,
          encoding: gazette.encoding,
          region: gazette.region,
          url: gazette.url,
          publishedOn: gazette.publishedOn,
          correlationId: gazette.correlationId,
        })
        .orIgnore()
        .returning(['gazette_id'])
        .execute();
      const inserted = Array.isArray(result.raw) && result.raw.length === 1;
      const stored = await this.repository.findOneBy({ gazetteId: gazette.gazetteId });
      if (!stored) {
        // Rows are never deleted by this service, so this is someone deleting by hand mid-request.
        throw new TransientError(`gazette ${gazette.gazetteId} vanished right after it was stored`);
      }
      return { inserted, gazette: stored };
    });
  }

  findMetadata(gazetteId: string): Promise<GazetteMetadata | null> {
    return this.guard(() => this.repository.findOneBy({ gazetteId }));
  }

  async findBytes(gazetteId: string): Promise<Buffer | null> {
    return this.guard(async () => {
      const row = await this.repository
        .createQueryBuilder('gazette')
        .select(['gazette.gazetteId', 'gazette.bytes'])
        .where('gazette.gazetteId = :gazetteId', { gazetteId })
        .getOne();
      return row?.bytes ?? null;
    });
  }

  /**
   * The stored gazettes a replay selects, oldest first (the order they were received in). Named
   * gazettes that are not stored are simply missing from the answer; the caller tells which.
   */
  selectForReplay(selection: ReplaySelection): Promise<GazetteMetadata[]> {
    return this.guard(async () => {
      const query = this.repository
        .createQueryBuilder('gazette')
        .orderBy('gazette.receivedAt', 'ASC')
        .addOrderBy('gazette.gazetteId', 'ASC');
      if (selection.by === 'gazettes') {
        if (selection.gazette_ids.length === 0) return [];
        query.where('gazette.gazetteId IN (:...ids)', { ids: selection.gazette_ids });
      } else if (selection.by === 'since') {
        // The day starts at midnight UTC, whatever the database session's time zone.
        query.where("gazette.receivedAt >= (:since || 'T00:00:00Z')::timestamptz", { since: selection.since });
      }
      return query.getMany();
    });
  }

  /** Newest first; the id breaks ties so pages never overlap. */
  list(limit: number, offset: number): Promise<GazettePage> {
    return this.guard(async () => {
      const [items, total] = await this.repository.findAndCount({
        order: { receivedAt: 'DESC', gazetteId: 'ASC' },
        take: limit,
        skip: offset,
      });
      return { total, items };
    });
  }

  private guard<T>(work: () => Promise<T>): Promise<T> {
    return guardDatabase(work);
  }
}
