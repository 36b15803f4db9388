import { DataSource, type MixedList, type EntitySchema } from 'typeorm';
import { assertSchemaName } from './service-schema';

type ClassType = abstract new (...args: never[]) => unknown;

export interface CreateDataSourceOptions {
  /** PostgreSQL connection URL (`DATABASE_URL`). */
  url: string;
  /** The schema this service owns; its tables and its migrations table live there. */
  schema: string;
  entities: MixedList<ClassType | string | EntitySchema>;
  migrations: MixedList<ClassType | string>;
  /** Shown in `pg_stat_activity.application_name`; defaults to `gazette-watch:<schema>`. */
  applicationName?: string;
  /** Connections the pool may open; pg's default (10) when absent. */
  poolSize?: number;
}

/** The migrations table keeps TypeORM's default name but sits in the service's schema. */
export const MIGRATIONS_TABLE_NAME = 'migrations';

/**
 * A TypeORM data source bound to one service schema. Nothing runs at `initialize()`: the schema
 * only changes through migrations (`runMigrations`), never through `synchronize`.
 */
export function createDataSource(options: CreateDataSourceOptions): DataSource {
  assertSchemaName(options.schema);
  return new DataSource({
    type: 'postgres',
    url: options.url,
    schema: options.schema,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: MIGRATIONS_TABLE_NAME,
    migrationsRun: false,
    synchronize: false,
    applicationName: options.applicationName ?? `gazette-watch:${options.schema}`,
    extra: {
      // Entities and TypeORM's own queries are qualified with `schema`, but hand-written SQL in
      // migrations usually is not; putting the service schema first makes unqualified tables
      // land there instead of in `public`. `public` stays reachable for extension functions.
      options: `-c search_path=${options.schema},public`,
      ...(options.poolSize ? { max: options.poolSize } : {}),
    },
  });
}
