import { randomBytes } from 'node:crypto';
import { createTemplateDatabase, dropTemplateDatabase, migrationFingerprint } from './template-database';
import { createTestDatabase, type TestDatabase } from './test-database';
import { releaseTestInfrastructure, testInfrastructure, TEST_INFRASTRUCTURE_TIMEOUT_MS } from './test-infrastructure';
import { withClient } from './sql-client';

const uniqueName = (label: string) => `gw_tmpl_spec_${label}_${randomBytes(4).toString('hex')}`;

async function createWidgetTable(url: string): Promise<void> {
  await withClient(url, (client) => client.query('CREATE TABLE widget (id integer PRIMARY KEY, label text NOT NULL)'));
}

async function databaseExists(name: string): Promise<boolean> {
  const { databaseUrl } = await testInfrastructure();
  return withClient(databaseUrl, async (client) => {
    const result = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    return result.rowCount === 1;
  });
}

describe('template and test databases', () => {
  const templates: string[] = [];
  const databases: TestDatabase[] = [];

  async function template(label: string, migrate: (url: string) => Promise<void>, fingerprint?: string) {
    const name = uniqueName(label);
    templates.push(name);
    return createTemplateDatabase(name, migrate, { fingerprint });
  }

  async function database(templateName?: string): Promise<TestDatabase> {
    const created = await createTestDatabase({ template: templateName });
    databases.push(created);
    return created;
  }

  beforeAll(() => testInfrastructure(), TEST_INFRASTRUCTURE_TIMEOUT_MS);

  afterAll(async () => {
    for (const created of databases) await created.drop();
    for (const name of templates) await dropTemplateDatabase(name);
    await releaseTestInfrastructure();
  }, TEST_INFRASTRUCTURE_TIMEOUT_MS);

  it('gives every test database from one template the migrated table, independently', async () => {
    const name = await template('widgets', createWidgetTable);
    const [first, second] = [await database(name), await database(name)];
    expect(first.name).toMatch(/^gw_test_[0-9a-f]{12}$/);
    expect(first.name).not.toBe(second.name);

    await withClient(first.url, (client) => client.query(`INSERT INTO widget VALUES (1, 'first only')`));
    const counts = await Promise.all(
      [first, second].map((db) =>
        withClient(db.url, async (client) => (await client.query('SELECT count(*)::int AS n FROM widget')).rows[0].n),
      ),
    );
    expect(counts).toEqual([1, 0]);
  });

  it('creates an empty database without a template', async () => {
    const empty = await database();
    const tables = await withClient(empty.url, (client) =>
      client.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`),
    );
    expect(tables.rows).toEqual([]);
  });

  it('drop() removes the database, even with a session still open, and can be repeated', async () => {
    const created = await createTestDatabase();
    const { Client } = await import('pg');
    const lingering = new Client({ connectionString: created.url });
    await lingering.connect();
    lingering.on('error', () => undefined); // the forced drop terminates this session
    try {
      expect(await databaseExists(created.name)).toBe(true);
      await created.drop();
      expect(await databaseExists(created.name)).toBe(false);
      await created.drop();
    } finally {
      await lingering.end().catch(() => undefined);
    }
  });

  it('migrates a template once when two callers race for it on separate connections', async () => {
    const name = uniqueName('race');
    templates.push(name);
    let migrations = 0;
    const migrate = async (url: string) => {
      migrations += 1;
      // Holding the lock a little longer makes sure the second caller really waits on it.
      await withClient(url, (client) => client.query('CREATE TABLE widget (id integer); SELECT pg_sleep(0.2)'));
    };
    const results = await Promise.all([
      createTemplateDatabase(name, migrate, { fingerprint: 'v1' }),
      createTemplateDatabase(name, migrate, { fingerprint: 'v1' }),
    ]);
    expect(results).toEqual([name, name]);
    expect(migrations).toBe(1);

    await createTemplateDatabase(name, migrate, { fingerprint: 'v1' });
    expect(migrations).toBe(1);

    const { databaseUrl } = await testInfrastructure();
    const rows = await withClient(
      databaseUrl,
      async (client) => (await client.query('SELECT datistemplate FROM pg_database WHERE datname = $1', [name])).rows,
    );
    expect(rows).toEqual([{ datistemplate: true }]);
  });

  it('rebuilds a template whose fingerprint changed', async () => {
    const name = uniqueName('fingerprint');
    templates.push(name);
    await createTemplateDatabase(name, createWidgetTable, { fingerprint: 'v1' });
    await createTemplateDatabase(
      name,
      (url) => withClient(url, (client) => client.query('CREATE TABLE gadget (id integer)')).then(() => undefined),
      { fingerprint: 'v2' },
    );
    const copy = await database(name);
    const tables = await withClient(
      copy.url,
      async (client) =>
        (await client.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`)).rows,
    );
    expect(tables).toEqual([{ table_name: 'gadget' }]);
  });

  it('leaves no template behind when the migration fails', async () => {
    const name = uniqueName('broken');
    templates.push(name);
    await expect(
      createTemplateDatabase(name, async (url) => {
        await withClient(url, (client) => client.query('CREATE TABLE broken (id no_such_type)'));
      }),
    ).rejects.toThrow(`Migrating template database "${name}" failed: type "no_such_type" does not exist`);
    expect(await databaseExists(name)).toBe(false);
  });

  it('fingerprints migrations by name and body', () => {
    class AddWidget1700000000000 {
      async up(): Promise<void> {}
      async down(): Promise<void> {}
    }
    class AddGadget1700000000001 {
      async up(): Promise<void> {
        await Promise.resolve('gadget');
      }
      async down(): Promise<void> {}
    }
    const one = migrationFingerprint([AddWidget1700000000000]);
    expect(migrationFingerprint([AddWidget1700000000000])).toBe(one);
    expect(migrationFingerprint([AddWidget1700000000000, AddGadget1700000000001])).not.toBe(one);
  });
});
