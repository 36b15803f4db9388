import { Client } from 'pg';

/**
 * Schema names end up inside SQL text (`CREATE SCHEMA`, `search_path`, the startup `options`
 * parameter), where bind parameters are not allowed, so they are restricted to plain lower-case
 * identifiers instead of being escaped.
 */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export function assertSchemaName(schema: string): void {
  if (!SCHEMA_NAME.test(schema)) {
    throw new Error(
      `Invalid schema name "${schema}": use a lower-case PostgreSQL identifier (letters, digits, underscores; at most 63 characters)`,
    );
  }
  if (schema === 'public' || schema.startsWith('pg_') || schema === 'information_schema') {
    throw new Error(`Invalid schema name "${schema}": a service owns a schema of its own, not a shared or system one`);
  }
}

/**
 * Creates the service's schema if it is missing. It touches only that schema: a service never
 * creates, reads or alters another service's schema.
 */
export async function ensureSchema(url: string, schema: string): Promise<void> {
  assertSchemaName(schema);
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  } catch (error) {
    // Two replicas booting at once can both pass the IF NOT EXISTS check; the loser gets a
    // unique violation on pg_namespace, which means the schema exists — the wanted outcome.
    if (!isDuplicateSchema(error)) throw error;
  } finally {
    await client.end();
  }
}

function isDuplicateSchema(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '42P06' || code === '23505';
}
