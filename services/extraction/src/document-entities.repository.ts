import type { RpcReply, StageProgress } from '@gazette-watch/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DocumentEntitiesEntity } from './entities/document-entities.entity';
import { EntityMentionEntity } from './entities/entity-mention.entity';
import { EXTRACTION_SCHEMA } from './extraction.data-source';

/** Inserts stay well below PostgreSQL's 65 535 bind parameters (9 per entity). */
const INSERT_CHUNK = 1_000;

const DOCUMENT_ENTITIES = `"${EXTRACTION_SCHEMA}".document_entities`;

/** The `document_entities` and `entity` tables. */
@Injectable()
export class DocumentEntitiesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Stores a document's extraction in one transaction: the summary row is upserted and its entity
   * rows replaced wholesale (delete, then insert), so a re-run never doubles nor mixes them.
   */
  async replaceDocument(summary: DocumentEntitiesEntity, mentions: EntityMentionEntity[]): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.upsert(DocumentEntitiesEntity, summary, ['documentId']);
      await manager.delete(EntityMentionEntity, { documentId: summary.documentId });
      for (let i = 0; i < mentions.length; i += INSERT_CHUNK) {
        await manager.insert(EntityMentionEntity, mentions.slice(i, i + INSERT_CHUNK));
      }
    });
  }

  async get(documentId: string): Promise<RpcReply<'entities.get'>> {
    const row = await this.dataSource.getRepository(DocumentEntitiesEntity).findOneBy({ documentId });
    return {
      document_id: documentId,
      found: row !== null,
      entities: row?.entities ?? [],
      regulation: row?.regulation ?? null,
    };
  }

  /** How many of a gazette's documents are extracted; extraction cannot know how many will come. */
  async progress(gazetteId: string, stage: string): Promise<StageProgress> {
    const [row] = (await this.dataSource.query(
      `SELECT count(*)::int AS done, max(extracted_at) AS updated_at FROM ${DOCUMENT_ENTITIES} WHERE gazette_id = $1`,
      [gazetteId],
    )) as Array<{ done: number; updated_at: Date | null }>;
    return {
      gazette_id: gazetteId,
      stage,
      done: row.done,
      expected: null,
      updated_at: row.updated_at ? row.updated_at.toISOString() : null,
    };
  }
}
