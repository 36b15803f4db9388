import type { MigrationInterface, QueryRunner } from 'typeorm';
import {
  createTestDatabase,
  releaseTestInfrastructure,
  withClient,
  type TestDatabase,
  TEST_INFRASTRUCTURE_TIMEOUT_MS,
} from '@gazette-watch/testing';
import { createDataSource } from './data-source.factory';
import { CreateDeadLetterTable1763900000000 } from './dead-letter.migration';
import { runMigrations } from './migration.runner';
import { ensureSchema } from './service-schema';

class CreateWidget1763900000001 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    // A plain CREATE TABLE fails if it runs twice, so a double run cannot go unnoticed.
    await queryRunner.query('CREATE TABLE widget (id integer PRIMARY KEY)');
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE widget');
  }
}

class Broken1763900000002 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE TABLE gadget (id integer)');
    await queryRunner.query('ALTER TABLE no_such_table ADD COLUMN x integer');
  }
  async down(): Promise<void> {}
}

const MIGRATIONS = [CreateDeadLetterTable1763900000000, CreateWidget1763900000001];

describe('runMigrations', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  }, TEST_INFRASTRUCTURE_TIMEOUT_MS);

  afterAll(async () => {
    await database?.drop();
    await releaseTestInfrastructure();
  }, TEST_INFRASTRUCTURE_TIMEOUT_MS);

  const dataSource = (schema: string, migrations: MigrationsList = MIGRATIONS) =>
    createDataSource({ url: database.url, schema, entities: [], migrations });
  type MigrationsList = Array<new () => MigrationInterface>;

  it('applies pending migrations once; running again applies nothing', async () => {
    await ensureSchema(database.url, 'once');
    const first = dataSource('once');
    const second = dataSource('once');
    try {
      expect(await runMigrations(first)).toEqual(['CreateDeadLetterTable1763900000000', 'CreateWidget1763900000001']);
      expect(await runMigrations(first)).toEqual([]);
      expect(await runMigrations(second)).toEqual([]);
      const recorded = await withClient(
        database.url,
        async (client) => (await client.query('SELECT name FROM once.migrations ORDER BY id')).rows,
      );
      expect(recorded).toEqual([{ name: 'CreateDeadLetterTable1763900000000' }, { name: 'CreateWidget1763900000001' }]);
    } finally {
      await Promise.all([first.destroy(), second.destroy()]);
    }
  });

  it('runs each migration once when replicas boot together', async () => {
    await ensureSchema(database.url, 'replicas');
    const replicas = [dataSource('replicas'), dataSource('replicas'), dataSource('replicas')];
    try {
      const applied = await Promise.all(replicas.map((replica) => runMigrations(replica)));
      expect(applied.flat().sort()).toEqual(['CreateDeadLetterTable1763900000000', 'CreateWidget1763900000001']);
    } finally {
      await Promise.all(replicas.map((replica) => replica.destroy()));
    }
  });

  it('says which schema is missing instead of failing inside TypeORM', async () => {
    const orphan = dataSource('never_created');
    try {
      await expect(runMigrations(orphan)).rejects.toThrow(
        'Migrations failed for schema "never_created" in database "' +
          database.name +
          '": schema "never_created" does not exist; call ensureSchema(url, "never_created") before runMigrations',
      );
    } finally {
      await orphan.destroy();
    }
  });

  it('rolls a failed batch back and names the schema and database', async () => {
    await ensureSchema(database.url, 'broken');
    const broken = dataSource('broken', [CreateWidget1763900000001, Broken1763900000002]);
    try {
      await expect(runMigrations(broken)).rejects.toThrow(
        `Migrations failed for schema "broken" in database "${database.name}": relation "no_such_table" does not exist`,
      );
      const tables = await withClient(
        database.url,
        async (client) =>
          (await client.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'broken'`)).rows,
      );
      // Only TypeORM's bookkeeping table, created before the batch's transaction, remains.
      expect(tables).toEqual([{ table_name: 'migrations' }]);
    } finally {
      await broken.destroy();
    }
  });
});
