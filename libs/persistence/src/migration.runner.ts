import type { DataSource } from 'typeorm';

/**
 * Runs the pending migrations of a service's data source (initialising it if needed) and returns
 * the names of the migrations it applied. Replicas booting together serialise on an advisory
 * lock per schema, so each migration runs once; a failure rolls the whole batch back and is
 * rethrown with the schema and database named.
 */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const schema = schemaOf(dataSource);
  if (!dataSource.isInitialized) {
    await dataSource.initialize();
  }
  const runner = dataSource.createQueryRunner();
  const lockKey = `gazette-watch:migrations:${schema}`;
  try {
    await runner.connect();
    const [{ present }] = (await runner.query(
      'SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1) AS present',
      [schema],
    )) as Array<{ present: boolean }>;
    if (!present) {
      throw new Error(`schema "${schema}" does not exist; call ensureSchema(url, "${schema}") before runMigrations`);
    }
    await runner.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [lockKey]);
    try {
      const applied = await dataSource.runMigrations({ transaction: 'all' });
      return applied.map((migration) => migration.name);
    } finally {
      await runner.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [lockKey]);
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Migrations failed for schema "${schema}" in database "${databaseOf(dataSource)}": ${reason}`, {
      cause: error,
    });
  } finally {
    await runner.release();
  }
}

function schemaOf(dataSource: DataSource): string {
  const schema = (dataSource.options as { schema?: string }).schema;
  if (!schema) {
    throw new Error('runMigrations needs a data source with a schema; build it with createDataSource');
  }
  return schema;
}

function databaseOf(dataSource: DataSource): string {
  return dataSource.isInitialized ? (dataSource.driver.database ?? '?') : '?';
}
