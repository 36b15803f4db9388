import { CreateDeadLetterTable1763900000000, DeadLetterEntity, createDataSource } from '@gazette-watch/persistence';
import type { DataSource } from 'typeorm';
import { GazetteEntity } from './entities/gazette.entity';
import { ReplayRunEntity } from './entities/replay-run.entity';
import { INGESTION_SCHEMA } from './ingestion.config';
import { CreateGazetteTable1763990000000 } from './migrations/create-gazette-table.migration';
import { CreateReplayRunTable1764300000000 } from './migrations/create-replay-run-table.migration';

export const INGESTION_ENTITIES = [GazetteEntity, ReplayRunEntity, DeadLetterEntity];

/** In the order they run; the test harness fingerprints this list to rebuild its template. */
export const INGESTION_MIGRATIONS = [
  CreateDeadLetterTable1763900000000,
  CreateGazetteTable1763990000000,
  CreateReplayRunTable1764300000000,
];

export function createIngestionDataSource(databaseUrl: string): DataSource {
  return createDataSource({
    url: databaseUrl,
    schema: INGESTION_SCHEMA,
    entities: INGESTION_ENTITIES,
    migrations: INGESTION_MIGRATIONS,
    applicationName: 'gazette-watch:ingestion',
  });
}
