import {
  CreateDeadLetterTable1763900000000,
  DeadLetterEntity,
  createDataSource,
  ensureSchema,
  runMigrations,
} from '@gazette-watch/persistence';
import type { DataSource } from 'typeorm';
import { DocumentEntity } from './entities/document.entity';
import { GazetteIssueEntity } from './entities/gazette-issue.entity';
import { ReplayDocumentReportEntity } from './entities/replay-document-report.entity';
import { AddFactCounts1764100000000 } from './migrations/add-fact-counts.migration';
import { CreateReplayDocumentReport1764300000000 } from './migrations/create-replay-document-report.migration';
import { CreateSegmentationTables1764000000000 } from './migrations/create-segmentation-tables.migration';
import { SEGMENTATION_SERVICE } from './segmentation.config';

export const SEGMENTATION_SCHEMA = SEGMENTATION_SERVICE;

export const SEGMENTATION_ENTITIES = [GazetteIssueEntity, DocumentEntity, ReplayDocumentReportEntity, DeadLetterEntity];

/** In the order they run; the test template's fingerprint is computed over this list. */
export const SEGMENTATION_MIGRATIONS = [
  CreateDeadLetterTable1763900000000,
  CreateSegmentationTables1764000000000,
  AddFactCounts1764100000000,
  CreateReplayDocumentReport1764300000000,
];

/**
 * An initialised data source on the `segmentation` schema, migrated first when asked. The caller
 * owns it and destroys it.
 */
export async function openSegmentationDatabase(url: string, options: { migrate: boolean }): Promise<DataSource> {
  const dataSource = createDataSource({
    url,
    schema: SEGMENTATION_SCHEMA,
    entities: SEGMENTATION_ENTITIES,
    migrations: SEGMENTATION_MIGRATIONS,
  });
  try {
    if (options.migrate) {
      await ensureSchema(url, SEGMENTATION_SCHEMA);
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
