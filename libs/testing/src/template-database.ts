import { createHash } from 'node:crypto';
import type { Client } from 'pg';
import { assertDatabaseName, databaseUrlFor, withClient } from './sql-client';
import { testInfrastructure } from './test-infrastructure';

export interface TemplateDatabaseOptions {
  /**
   * Identifies the schema the migration produces; a template with another fingerprint is rebuilt.
   * Pass `migrationFingerprint(migrations)` so that editing a migration invalidates the template.
   * Defaults to a hash of `migrate`'s source, which only notices changes to `migrate` itself.
   */
  fingerprint?: string;
  /** Server to create it on; defaults to `testInfrastructure().databaseUrl`. */
  databaseUrl?: string;
}

type MigrationClass = abstract new (...args: never[]) => object;

/**
 * A fingerprint over migration classes: their names and the source of `up`/`down`, so adding,
 * removing or editing a migration yields a new fingerprint.
 */
export function migrationFingerprint(migrations: ReadonlyArray<MigrationClass>): string {
  const hash = createHash('sha256');
  for (const migration of migrations) {
    const prototype = migration.prototype as Record<string, unknown>;
    hash.update(`${migration.name}\0${String(prototype.up)}\0${String(prototype.down)}\0`);
  }
  return hash.digest('hex');
}

/**
 * Creates (or reuses) a template database holding the result of `migrate(url)` and returns its
 * name, for `createTestDatabase({ template })`. Migrating once and copying per test file is far
 * cheaper than migrating per file.
 *
 * Jest workers and parallel runs on one server serialise on an advisory lock per template name.
 * Under the lock an existing database is reused only if it is marked as a template and its
 * comment carries the same fingerprint — the mark is written last, so a half-built template
 * (a crashed run) is recognised and rebuilt.
 *
 * `migrate` must close its connections before resolving: PostgreSQL refuses to copy a database
 * that has sessions.
 */
export async function createTemplateDatabase(
  name: string,
  migrate: (url: string) => Promise<void>,
  options: TemplateDatabaseOptions = {},
): Promise<string> {
  assertDatabaseName(name);
  const baseUrl = options.databaseUrl ?? (await testInfrastructure()).databaseUrl;
  const fingerprint = options.fingerprint ?? createHash('sha256').update(migrate.toString()).digest('hex');
  const marker = `gazette-watch template ${fingerprint}`;
  return withTemplateLock(baseUrl, name, async (admin) => {
    const existing = await admin.query<{ datistemplate: boolean; comment: string | null }>(
      `SELECT datistemplate, shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1`,
      [name],
    );
    const current = existing.rows[0];
    if (current?.datistemplate && current.comment === marker) return name;
    if (current) await dropTemplate(admin, name);

    // template0 accepts no connections, so copying it can never fail on someone's open session.
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE template0`);
    try {
      await migrate(databaseUrlFor(baseUrl, name));
    } catch (error) {
      await dropTemplate(admin, name);
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`Migrating template database "${name}" failed: ${reason}`, { cause: error });
    }
    await admin.query(`ALTER DATABASE "${name}" WITH IS_TEMPLATE true`);
    await admin.query(`COMMENT ON DATABASE "${name}" IS ${admin.escapeLiteral(marker)}`);
    return name;
  });
}

/** Drops a template database (tests of the harness; forcing a rebuild by hand). */
export async function dropTemplateDatabase(name: string, options: { databaseUrl?: string } = {}): Promise<void> {
  assertDatabaseName(name);
  const baseUrl = options.databaseUrl ?? (await testInfrastructure()).databaseUrl;
  await withTemplateLock(baseUrl, name, (admin) => dropTemplate(admin, name));
}

async function withTemplateLock<T>(baseUrl: string, name: string, fn: (admin: Client) => Promise<T>): Promise<T> {
  return withClient(baseUrl, async (admin) => {
    const lockKey = `gazette-watch:template:${name}`;
    await admin.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [lockKey]);
    try {
      return await fn(admin);
    } finally {
      await admin.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [lockKey]);
    }
  });
}

async function dropTemplate(admin: Client, name: string): Promise<void> {
  const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  if (exists.rowCount === 0) return;
  // PostgreSQL refuses to drop a database still marked as a template.
  await admin.query(`ALTER DATABASE "${name}" WITH IS_TEMPLATE false`);
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}
