import { randomBytes } from 'node:crypto';
import { assertDatabaseName, databaseUrlFor, redactUrl, withClient } from './sql-client';
import { testInfrastructure } from './test-infrastructure';

export interface CreateTestDatabaseOptions {
  /** A template from `createTemplateDatabase`; an empty database when omitted. */
  template?: string;
  /** Name prefix; default `gw_test`, giving `gw_test_<random>`. */
  prefix?: string;
  /** Server to create it on; defaults to `testInfrastructure().databaseUrl`. */
  databaseUrl?: string;
}

export interface TestDatabase {
  url: string;
  name: string;
  /** Drops the database even if connections are still open; safe to call twice. */
  drop(): Promise<void>;
}

const DEFAULT_PREFIX = 'gw_test';

/**
 * A database of its own for one test file, so files run in parallel without seeing each other's
 * rows. Create it in `beforeAll` and `drop()` it in `afterAll`.
 */
export async function createTestDatabase(options: CreateTestDatabaseOptions = {}): Promise<TestDatabase> {
  const baseUrl = options.databaseUrl ?? (await testInfrastructure()).databaseUrl;
  const name = `${options.prefix ?? DEFAULT_PREFIX}_${randomBytes(6).toString('hex')}`;
  assertDatabaseName(name);
  // template0 for an empty database: unlike template1 it accepts no connections, so the copy
  // cannot fail because someone else is connected to the source.
  const template = options.template ?? 'template0';
  assertDatabaseName(template);
  await withClient(baseUrl, async (admin) => {
    try {
      await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(
        `Creating test database "${name}" from "${template}" on ${redactUrl(baseUrl)} failed: ${reason}`,
        {
          cause: error,
        },
      );
    }
  });
  return {
    url: databaseUrlFor(baseUrl, name),
    name,
    drop: () =>
      withClient(baseUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(
        () => undefined,
      ),
  };
}
