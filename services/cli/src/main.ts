import { join } from 'node:path';
import { runIngest } from './ingest.command';
import { runMigrate } from './migrate.command';
import { DEFAULT_MAX_BYTES, runParse, type CommandIo } from './parse.command';
import { runUp } from './up.command';

const USAGE = `usage: gazette parse FILE... [--json | --summary] [--max-bytes N]
       gazette up [--samples DIR] [--exit]
       gazette ingest FILE|DIR... [--timeout SECONDS]
       gazette migrate

  parse   split gazette issues into documents, entities and appointments (no services needed)
          --json      the result as JSON (one object per line for several files)
          --summary   a readable table (the default)
          --max-bytes refuse files larger than N bytes (default ${DEFAULT_MAX_BYTES})
  up      the main job: start every service, ingest the sample gazettes, wait for every stage,
          print a summary and serve the API until Ctrl-C (--exit: stop after the summary)
  ingest  submit gazettes to the running pipeline and follow them through the stages
  migrate create the database if missing and run every service's schema migrations once
          (a deploy step before services started with MIGRATE_ON_BOOT=false)

  environment: DATABASE_URL (postgres://postgres@127.0.0.1:5432/gazette_watch),
  NATS_URL (nats://127.0.0.1:4222), API_PORT (3000), INGESTION_PORT (3101)`;

/** A mistake in the command line: usage is printed, exit 2. */
class UsageError extends Error {}

interface ParsedArgs {
  command: string | null;
  files: string[];
  flags: Map<string, string | true>;
}

const VALUE_FLAGS = new Set(['--max-bytes', '--samples', '--timeout']);
const KNOWN_FLAGS = new Set(['--json', '--summary', '--exit', '--help', '-h', ...VALUE_FLAGS]);
const ROOT = join(__dirname, '..', '..', '..');
const env = (name: string, fallback: string): string => process.env[name] || fallback;

function parseArgs(argv: string[]): ParsedArgs {
  const flags = new Map<string, string | true>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith('-') && arg !== '-') {
      const [name, inline] = arg.split('=', 2);
      if (!KNOWN_FLAGS.has(name)) throw new UsageError(`unknown option ${name}`);
      if (VALUE_FLAGS.has(name)) {
        const value = inline ?? argv[++i];
        if (value === undefined) throw new UsageError(`${name} needs a value`);
        flags.set(name, value);
      } else flags.set(name, true);
    } else positional.push(arg);
  }
  return { command: positional[0] ?? null, files: positional.slice(1), flags };
}

function positiveInteger(value: string | true | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`${name} takes a positive whole number`);
  return n;
}

/** Redraws the progress lines in place on a terminal. */
function liveRewriter(): (lines: string[]) => void {
  let shown = 0;
  return (lines) => {
    if (shown) process.stdout.write(`\x1b[${shown}A`);
    for (const line of lines) process.stdout.write(`\x1b[2K${line}\n`);
    shown = lines.length;
  };
}

const defaultIo: CommandIo = {
  out: (text) => process.stdout.write(text + '\n'),
  err: (text) => process.stderr.write(text + '\n'),
};

/** The `gazette` command; resolves to the process exit code. */
export async function main(argv: string[], io: CommandIo = defaultIo): Promise<number> {
  try {
    const args = parseArgs(argv);
    if (args.flags.has('--help') || args.flags.has('-h') || !args.command) {
      io.out(USAGE);
      return args.command || args.flags.size ? 0 : 2;
    }
    const live = process.stdout.isTTY === true;
    const rewrite = live ? liveRewriter() : undefined;
    const apiPort = positiveInteger(env('API_PORT', '3000'), 'API_PORT', 3000);
    const ingestionPort = positiveInteger(env('INGESTION_PORT', '3101'), 'INGESTION_PORT', 3101);
    const timeoutMs = positiveInteger(args.flags.get('--timeout'), '--timeout', 300) * 1000;
    if (args.command === 'up') {
      if (args.files.length) throw new UsageError('up takes no files (see --samples)');
      const samples = args.flags.get('--samples');
      return await runUp(
        {
          root: ROOT,
          samples: typeof samples === 'string' ? samples : join(ROOT, 'samples', 'gazettes'),
          databaseUrl: env('DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/gazette_watch'),
          natsUrl: env('NATS_URL', 'nats://127.0.0.1:4222'),
          apiPort,
          ingestionPort,
          timeoutMs,
          exitAfterSummary: args.flags.has('--exit'),
          live,
        },
        { ...io, rewrite },
      );
    }
    if (args.command === 'ingest') {
      if (!args.files.length) throw new UsageError('ingest needs at least one FILE or DIR');
      const result = await runIngest(
        {
          paths: args.files,
          ingestionUrl: env('GAZETTE_INGESTION_URL', `http://127.0.0.1:${ingestionPort}`),
          apiUrl: env('GAZETTE_API_URL', `http://127.0.0.1:${apiPort}`),
          maxBytes: positiveInteger(args.flags.get('--max-bytes'), '--max-bytes', DEFAULT_MAX_BYTES),
          timeoutMs,
          live,
        },
        { ...io, rewrite },
      );
      return result.code;
    }
    if (args.command === 'migrate') {
      if (args.files.length || args.flags.size) throw new UsageError('migrate takes no arguments');
      return await runMigrate(
        { root: ROOT, databaseUrl: env('DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/gazette_watch') },
        io,
      );
    }
    if (args.command !== 'parse') throw new UsageError(`unknown command ${args.command}`);
    if (!args.files.length) throw new UsageError('parse needs at least one FILE');
    if (args.flags.has('--json') && args.flags.has('--summary')) throw new UsageError('choose --json or --summary');
    return await runParse(
      {
        files: args.files,
        format: args.flags.has('--json') ? 'json' : 'summary',
        maxBytes: positiveInteger(args.flags.get('--max-bytes'), '--max-bytes', DEFAULT_MAX_BYTES),
      },
      io,
    );
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`gazette: ${e.message}\n${USAGE}`);
      return 2;
    }
    io.err(`gazette: internal error: ${(e as Error)?.message ?? e}`);
    return 70;
  }
}
