// Where the bench scripts find the gazette corpus, the shared scoring tools and the built parser,
// and how they make and drop databases of their own.
// Paths are resolved from this file, not the working directory, so the scripts run from anywhere.
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const sharedDir = resolve(repoRoot, '../shared');

/** A problem with the set-up rather than with the parser: the scripts exit 2 on it. */
export class SetupError extends Error {}

/**
 * GAZETTE_CORPUS when set, else the shared corpus beside the repository, else the repository's
 * samples/ (a copy with the same gazettes/ and gold/ layout, for machines without shared/).
 */
export function locateCorpus() {
  const override = process.env.GAZETTE_CORPUS;
  if (override) {
    const dir = resolve(override);
    if (!existsSync(join(dir, 'gazettes'))) throw new SetupError(`GAZETTE_CORPUS=${override} has no gazettes/ folder`);
    return dir;
  }
  const shared = join(sharedDir, 'corpus');
  return existsSync(join(shared, 'gazettes')) ? shared : join(repoRoot, 'samples');
}

/** The corpus gazettes in name order, each with where its gold answer would be. */
export function listGazettes(corpusDir) {
  const names = readdirSync(join(corpusDir, 'gazettes'))
    .filter((file) => file.endsWith('.txt'))
    .sort();
  if (!names.length) throw new SetupError(`no *.txt gazettes in ${join(corpusDir, 'gazettes')}`);
  return names.map((file) => {
    const name = file.slice(0, -'.txt'.length);
    return { name, file, path: join(corpusDir, 'gazettes', file), goldPath: join(corpusDir, 'gold', `${name}.json`) };
  });
}

/** A script of ../shared/tools; these live only in shared/, so a missing one is a set-up problem. */
export function sharedTool(file) {
  const path = join(sharedDir, 'tools', file);
  if (!existsSync(path))
    throw new SetupError(`${path} is missing: the shared tools are needed for this (see shared/README.md)`);
  return path;
}

/** The parser as built into libs/parser/dist, loaded the way its consumers load it. */
export function loadBuiltParser() {
  const require = createRequire(import.meta.url);
  try {
    return require('@gazette-watch/parser');
  } catch (error) {
    throw new SetupError(`cannot load the built parser (run \`npm run build\`): ${error.message}`);
  }
}

/** Runs main (synchronous or async), turning a SetupError into a one-line message and exit code 2. */
export async function runScript(main) {
  try {
    process.exitCode = await main();
  } catch (error) {
    if (!(error instanceof SetupError)) throw error;
    console.error(error.message);
    process.exitCode = 2;
  }
}

/** Runs `fn` with a client on the server's `postgres` database, to create or drop a benchmark's own. */
export async function withAdmin(databaseUrl, fn) {
  const url = new URL(databaseUrl);
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
