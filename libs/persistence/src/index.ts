export { createDataSource, MIGRATIONS_TABLE_NAME, type CreateDataSourceOptions } from './data-source.factory';
export { ensureSchema, assertSchemaName } from './service-schema';
export { runMigrations } from './migration.runner';
export { DeadLetterEntity } from './dead-letter.entity';
export { CreateDeadLetterTable1763900000000 } from './dead-letter.migration';
export { DeadLetterRepository, type DeadLetterEntry, type ListDeadLettersOptions } from './dead-letter.repository';
export * from './dead-letter.recorder';
