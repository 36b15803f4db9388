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
import { DeadLetterEntity } from './dead-letter.entity';
import { DeadLetterRepository } from './dead-letter.repository';
import { runMigrations } from './migration.runner';
import { ensureSchema } from './service-schema';

/** Unqualified on purpose: hand-written SQL must land in the service's schema, not in public. */
class CreateWidget1763900000001 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE TABLE widget (id integer PRIMARY KEY)');
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE widget');
  }
}

describe('createDataSource', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  }, TEST_INFRASTRUCTURE_TIMEOUT_MS);

  afterAll(async () => {
    await database?.drop();
    await releaseTestInfrastructure();
  }, TEST_INFRASTRUCTURE_TIMEOUT_MS);

  it('never synchronises or migrates on its own and keeps its migrations table in its schema', () => {
    const dataSource = createDataSource({
      url: 'postgres://unused/db',
      schema: 'ingestion',
      entities: [],
      migrations: [],
    });
    expect(dataSource.options).toMatchObject({
      type: 'postgres',
      schema: 'ingestion',
      synchronize: false,
      migrationsRun: false,
      migrationsTableName: 'migrations',
      applicationName: 'gazette-watch:ingestion',
    });
  });

  it('rejects schema names that are not a service schema of its own', () => {
    for (const schema of ['public', 'Ingestion', 'in-gestion', 'x"; DROP', 'pg_catalog', '']) {
      expect(() => createDataSource({ url: database.url, schema, entities: [], migrations: [] })).toThrow(
        /Invalid schema name/,
      );
    }
  });

  it('isolates services: each sees only the tables of its own schema', async () => {
    await ensureSchema(database.url, 'svc_a');
    await ensureSchema(database.url, 'svc_b');
    await ensureSchema(database.url, 'svc_a'); // a second boot finds it there
    const a = createDataSource({
      url: database.url,
      schema: 'svc_a',
      entities: [DeadLetterEntity],
      migrations: [CreateDeadLetterTable1763900000000, CreateWidget1763900000001],
    });
    const b = createDataSource({
      url: database.url,
      schema: 'svc_b',
      entities: [DeadLetterEntity],
      migrations: [CreateDeadLetterTable1763900000000],
    });
    try {
      await runMigrations(a);
      await runMigrations(b);

      const tables = await withClient(database.url, async (client) =>
        (
          await client.query(
            `SELECT table_schema || '.' || table_name AS name FROM information_schema.tables
             WHERE table_schema IN ('public', 'svc_a', 'svc_b') ORDER BY 1`,
          )
        ).rows.map((row: { name: string }) => row.name),
      );
      expect(tables).toEqual([
        'svc_a.dead_letter',
        'svc_a.migrations',
        'svc_a.widget',
        'svc_b.dead_letter',
        'svc_b.migrations',
      ]);

      await a.query('INSERT INTO widget VALUES (1)');
      await expect(b.query('SELECT * FROM widget')).rejects.toThrow('relation "widget" does not exist');

      await new DeadLetterRepository(a).record({
        service: 'svc_a',
        subject: 'gazette.ingested',
        streamSeq: 1,
        deliveries: 1,
        reason: 'validation',
        error: 'bad payload',
        data: '{}',
      });
      expect(await new DeadLetterRepository(a).list()).toHaveLength(1);
      expect(await new DeadLetterRepository(b).list()).toEqual([]);
    } finally {
      await Promise.all([a.destroy(), b.destroy()]);
    }
  });
});
