import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  createTestDatabase,
  releaseTestInfrastructure,
  testInfrastructure,
  withClient,
  TEST_INFRASTRUCTURE_TIMEOUT_MS,
  type TestDatabase,
} from '@gazette-watch/testing';
import { APPOINTMENTS_MIGRATIONS } from '../../appointments/src/migrations';
import { EXTRACTION_MIGRATIONS } from '../../extraction/src/extraction.data-source';
import { INGESTION_MIGRATIONS } from '../../ingestion/src/ingestion.data-source';
import { NOTIFICATION_MIGRATIONS } from '../../notification/src/notification.data-source';
import { SEGMENTATION_MIGRATIONS } from '../../segmentation/src/segmentation.data-source';
import { main } from './main';
import { MIGRATION_SOURCES } from './migrate.command';

/**
 * `gazette migrate` as the deploy job runs it: the built command (it loads the services' built
 * migrations), on a fresh database of the real PostgreSQL.
 */

const ROOT = join(__dirname, '..', '..', '..');
const BIN = join(ROOT, 'services', 'cli', 'bin', 'gazette.js');

/** The lists the services run at boot, from their sources: the command must apply exactly these. */
const EXPECTED: Record<string, readonly (new () => unknown)[]> = {
  ingestion: INGESTION_MIGRATIONS,
  segmentation: SEGMENTATION_MIGRATIONS,
  extraction: EXTRACTION_MIGRATIONS,
  appointments: APPOINTMENTS_MIGRATIONS,
  notification: NOTIFICATION_MIGRATIONS,
};

function migrate(databaseUrl: string) {
  return spawnSync(process.execPath, [BIN, 'migrate'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: databaseUrl },
    timeout: 60_000,
  });
}

async function migrationsBySchema(url: string): Promise<Record<string, string[]>> {
  return withClient(url, async (client) => {
    const found: Record<string, string[]> = {};
    for (const service of Object.keys(EXPECTED)) {
      const rows = await client.query(`SELECT name FROM "${service}".migrations ORDER BY id`);
      found[service] = rows.rows.map((row: { name: string }) => row.name);
    }
    return found;
  });
}

describe('gazette migrate', () => {
  let database: TestDatabase;
  let missingDatabase: string | undefined;

  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'services', 'cli', 'dist', 'migrate.command.js'))) {
      throw new Error('the CLI is not built: run `npm run build` (npm ci does it through prepare)');
    }
    database = await createTestDatabase();
  }, TEST_INFRASTRUCTURE_TIMEOUT_MS);

  afterAll(async () => {
    await database?.drop();
    if (missingDatabase) {
      const name = missingDatabase;
      const { databaseUrl } = await testInfrastructure();
      await withClient(databaseUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    }
    await releaseTestInfrastructure();
  }, TEST_INFRASTRUCTURE_TIMEOUT_MS);

  it('covers every service that owns a schema', () => {
    expect(MIGRATION_SOURCES.map((s) => s.service).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it("applies every service's migrations into its own schema, then finds nothing to do", async () => {
    const first = migrate(database.url);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    for (const service of Object.keys(EXPECTED)) expect(first.stdout).toMatch(new RegExp(`^${service}: applied `, 'm'));

    const expected = Object.fromEntries(
      Object.entries(EXPECTED).map(([service, list]) => [service, list.map((m) => m.name)]),
    );
    expect(await migrationsBySchema(database.url)).toEqual(expected);

    const second = migrate(database.url);
    expect(second.stderr).toBe('');
    expect(second.status).toBe(0);
    expect(second.stdout.trim().split('\n')).toEqual(
      Object.entries(EXPECTED).map(([service, list]) => `${service}: up to date (${list.length} migrations)`),
    );
    expect(await migrationsBySchema(database.url)).toEqual(expected);
  }, 120_000);

  it('creates the database when it is missing', async () => {
    missingDatabase = `gw_test_migrate_${process.pid}_${Date.now().toString(36)}`;
    const url = new URL(database.url);
    url.pathname = `/${missingDatabase}`;
    const run = migrate(url.toString());
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(Object.keys(await migrationsBySchema(url.toString()))).toHaveLength(5);
  }, 120_000);

  it('takes no arguments (usage, exit 2)', async () => {
    const err: string[] = [];
    expect(await main(['migrate', 'extra'], { out: () => undefined, err: (t) => err.push(t) })).toBe(2);
    expect(err.join('\n')).toMatch(/^gazette: migrate takes no arguments/);
  });

  it('exits 1 with one line when PostgreSQL is unreachable', () => {
    const run = migrate('postgres://postgres@127.0.0.1:1/gazette_watch');
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^gazette migrate: PostgreSQL is not reachable at 127\.0\.0\.1:1/);
  });
});
