import type { RpcReply, StageProgress } from '@gazette-watch/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DocumentEntitiesEntity } from './entities/document-entities.entity';
import { EntityMentionEntity } from './entities/entity-mention.entity';
import { EXTRACTION_SCHEMA } from './extraction.data-source';

const DOCUMENT_ENTITIES = `"${EXTRACTION_SCHEMA}".document_entities`;
const ENTITY = `"${EXTRACTION_SCHEMA}".entity`;

/** The `document_entities` and `entity` tables. */
@Injectable()
export class DocumentEntitiesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Stores a document's extraction in one transaction: the summary row is upserted and its entity
   * rows replaced wholesale (delete, then insert), so a re-run never doubles nor mixes them.
   *
   * `gazetteDocumentCount` (a replay) drops the gazette's documents at or beyond that index: a
   * re-parse that splits fewer documents no longer has them, and no event will name them again.
   */
  async replaceDocument(
    summary: DocumentEntitiesEntity,
    mentions: EntityMentionEntity[],
    gazetteDocumentCount?: number,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      if (gazetteDocumentCount !== undefined) {
        // Their entity rows go with them (ON DELETE CASCADE).
        await manager.query(
          `DELETE FROM ${DOCUMENT_ENTITIES}
            WHERE gazette_id = $1 AND split_part(document_id, ':', 2)::int >= $2`,
          [summary.gazetteId, gazetteDocumentCount],
        );
      }
      await manager.upsert(DocumentEntitiesEntity, summary, ['documentId']);
      await manager.query(`DELETE FROM ${ENTITY} WHERE document_id = $1`, [summary.documentId]);
      if (!mentions.length) return;
      // One statement over column arrays: building per-row inserts through the ORM cost more CPU
      // than the rest of the extraction (profiled under the pipeline benchmark).
      await manager.query(
        `INSERT INTO ${ENTITY} (document_id, pipeline_version, ordinal, type, text, start, "end", value, unit, doc_number)
         SELECT $1, $2, * FROM unnest($3::int[], $4::text[], $5::text[], $6::int[], $7::int[], $8::text[], $9::text[], $10::text[])`,
        [
          summary.documentId,
          summary.pipelineVersion,
          mentions.map((m) => m.ordinal),
          mentions.map((m) => m.type),
          mentions.map((m) => m.text),
          mentions.map((m) => m.start),
          mentions.map((m) => m.end),
          mentions.map((m) => m.value),
          mentions.map((m) => m.unit),
          mentions.map((m) => m.docNumber),
        ],
      );
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
