import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { CommandIo } from './parse.command';
import { ensureDatabase } from './up.command';

/**
 * `gazette migrate`: runs every service's schema migrations once, as a deploy step (the compose
 * `migrate` service, the Kubernetes Job) before the services start with MIGRATE_ON_BOOT=false.
 *
 * The migrations are taken from each service's built code, the same classes the service runs at
 * boot, so this command can never apply a different list than the service would. The CLI has no
 * compile-time dependency on the services (they are built after it), hence the runtime loading and
 * the shape checks below.
 */

export interface MigrateOptions {
  /** The repository (or image) root holding `services/<name>/dist`. */
  root: string;
  databaseUrl: string;
}

/** Where a service's built code exports its migration list and the name of its schema. */
export interface MigrationSource {
  service: string;
  migrations: { module: string; exportName: string };
  schema: { module: string; exportName: string };
}

/** Every service with a database, in pipeline order; the api gateway owns no table. */
export const MIGRATION_SOURCES: readonly MigrationSource[] = [
  {
    service: 'ingestion',
    migrations: { module: 'ingestion.data-source', exportName: 'INGESTION_MIGRATIONS' },
    schema: { module: 'ingestion.config', exportName: 'INGESTION_SCHEMA' },
  },
  {
    service: 'segmentation',
    migrations: { module: 'segmentation.data-source', exportName: 'SEGMENTATION_MIGRATIONS' },
    schema: { module: 'segmentation.data-source', exportName: 'SEGMENTATION_SCHEMA' },
  },
  {
    service: 'extraction',
    migrations: { module: 'extraction.data-source', exportName: 'EXTRACTION_MIGRATIONS' },
    schema: { module: 'extraction.data-source', exportName: 'EXTRACTION_SCHEMA' },
  },
  {
    service: 'appointments',
    migrations: { module: 'migrations/index', exportName: 'APPOINTMENTS_MIGRATIONS' },
    schema: { module: 'appointments.config', exportName: 'APPOINTMENTS_SERVICE' },
  },
  {
    service: 'notification',
    migrations: { module: 'notification.data-source', exportName: 'NOTIFICATION_MIGRATIONS' },
    schema: { module: 'notification.data-source', exportName: 'NOTIFICATION_SCHEMA' },
  },
];

/** What this command needs of `@gazette-watch/persistence`, checked when it is loaded. */
interface PersistenceApi {
  createDataSource(options: {
    url: string;
    schema: string;
    entities: unknown[];
    migrations: unknown[];
    applicationName?: string;
  }): { isInitialized: boolean; destroy(): Promise<void> };
  ensureSchema(url: string, schema: string): Promise<void>;
  runMigrations(dataSource: unknown): Promise<string[]>;
}

/** A failure the operator can act on, reported on one line with exit code 1. */
class MigrateError extends Error {}

export interface MigratedSchema {
  service: string;
  schema: string;
  applied: string[];
  known: number;
}

export async function runMigrate(options: MigrateOptions, io: CommandIo): Promise<number> {
  try {
    const sources = MIGRATION_SOURCES.map((source) => loadSource(options.root, source));
    await ensureDatabase(options.databaseUrl).catch((error: unknown) => {
      throw new MigrateError(messageOf(error));
    });
    for (const source of sources) {
      const result = await migrateSchema(source, options.databaseUrl);
      io.out(
        result.applied.length
          ? `${result.service}: applied ${result.applied.join(', ')}`
          : `${result.service}: up to date (${result.known} migrations)`,
      );
    }
    return 0;
  } catch (error) {
    io.err(`gazette migrate: ${oneLine(messageOf(error))}`);
    return 1;
  }
}

interface LoadedSource {
  service: string;
  schema: string;
  migrations: unknown[];
  persistence: PersistenceApi;
}

function loadSource(root: string, source: MigrationSource): LoadedSource {
  const serviceDir = join(root, 'services', source.service);
  const dist = join(serviceDir, 'dist');
  if (!existsSync(dist)) throw new MigrateError(`${dist} is missing: run npm run build (npm ci does it)`);
  const migrations = exportOf(dist, source.migrations);
  const schema = exportOf(dist, source.schema);
  if (!Array.isArray(migrations) || !migrations.length || !migrations.every((m) => typeof m === 'function')) {
    throw new MigrateError(`${source.service}: ${source.migrations.exportName} is not a list of migration classes`);
  }
  if (typeof schema !== 'string' || !schema) {
    throw new MigrateError(`${source.service}: ${source.schema.exportName} is not a schema name`);
  }
  // Resolved from the service's folder: the persistence library (and its TypeORM) the service
  // itself declares and runs its migrations with.
  const persistence = createRequire(join(serviceDir, 'package.json'))('@gazette-watch/persistence') as PersistenceApi;
  for (const name of ['createDataSource', 'ensureSchema', 'runMigrations'] as const) {
    if (typeof persistence[name] !== 'function') {
      throw new MigrateError(`@gazette-watch/persistence has no ${name}: rebuild the project`);
    }
  }
  return { service: source.service, schema, migrations, persistence };
}

function exportOf(dist: string, where: { module: string; exportName: string }): unknown {
  const file = join(dist, `${where.module}.js`);
  if (!existsSync(file)) throw new MigrateError(`${file} is missing: run npm run build`);
  return (require(file) as Record<string, unknown>)[where.exportName];
}

async function migrateSchema(source: LoadedSource, databaseUrl: string): Promise<MigratedSchema> {
  const { persistence, schema } = source;
  const dataSource = persistence.createDataSource({
    url: databaseUrl,
    schema,
    // Migrations are plain SQL; no entity metadata is needed to run them.
    entities: [],
    migrations: source.migrations,
    applicationName: 'gazette-watch:migrate',
  });
  try {
    await persistence.ensureSchema(databaseUrl, schema);
    const applied = await persistence.runMigrations(dataSource);
    return { service: source.service, schema, applied, known: source.migrations.length };
  } catch (error) {
    throw new MigrateError(`${source.service}: ${messageOf(error)}`);
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy().catch(() => undefined);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
