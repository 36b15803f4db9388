import { Client } from 'pg';

/** Runs `fn` with a connected client and always closes it, so tests never leak connections. */
export async function withClient<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Database names go into `CREATE DATABASE`/`DROP DATABASE`, which take no bind parameters, so
 * they are limited to plain lower-case identifiers rather than escaped.
 */
const DATABASE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export function assertDatabaseName(name: string): void {
  if (!DATABASE_NAME.test(name)) {
    throw new Error(
      `Invalid database name "${name}": use a lower-case PostgreSQL identifier (letters, digits, underscores; at most 63 characters)`,
    );
  }
}

/** The same server, credentials and parameters as `url`, pointed at another database. */
export function databaseUrlFor(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** The URL without its password, for error messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '<unparseable URL>';
  }
}
