import {
  CreateDeadLetterTable1763900000000,
  DeadLetterEntity,
  createDataSource,
  ensureSchema,
  runMigrations,
} from '@gazette-watch/persistence';
import type { DataSource } from 'typeorm';
import { DocumentEntitiesEntity } from './entities/document-entities.entity';
import { EntityMentionEntity } from './entities/entity-mention.entity';
import { AddEntityPipelineVersion1764300000000 } from './migrations/add-entity-pipeline-version.migration';
import { CreateExtractionTables1764000000000 } from './migrations/create-extraction-tables.migration';
import { EXTRACTION_SERVICE } from './extraction.config';

export const EXTRACTION_SCHEMA = EXTRACTION_SERVICE;

export const EXTRACTION_ENTITIES = [DocumentEntitiesEntity, EntityMentionEntity, DeadLetterEntity];

/** In the order they run; the test template's fingerprint is computed over this list. */
export const EXTRACTION_MIGRATIONS = [
  CreateDeadLetterTable1763900000000,
  CreateExtractionTables1764000000000,
  AddEntityPipelineVersion1764300000000,
];

/**
 * An initialised data source on the `extraction` schema, migrated first when asked. The caller
 * owns it and destroys it.
 */
export async function openExtractionDatabase(url: string, options: { migrate: boolean }): Promise<DataSource> {
  const dataSource = createDataSource({
    url,
    schema: EXTRACTION_SCHEMA,
    entities: EXTRACTION_ENTITIES,
    migrations: EXTRACTION_MIGRATIONS,
  });
  try {
    if (options.migrate) {
      await ensureSchema(url, EXTRACTION_SCHEMA);
      await runMigrations(dataSource);
    } else {
      await dataSource.initialize();
    }
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy();
    throw error;
  }
  return dataSource;
}
