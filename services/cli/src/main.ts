import { DEFAULT_MAX_BYTES, runParse, type CommandIo } from './parse.command';

const USAGE = `usage: gazette parse FILE... [--json | --summary] [--max-bytes N]

  parse   split gazette issues into documents, entities and appointments
          --json      the result as JSON (one object per line for several files)
          --summary   a readable table (the default)
          --max-bytes refuse files larger than N bytes (default ${DEFAULT_MAX_BYTES})`;

/** A mistake in the command line: usage is printed, exit 2. */
class UsageError extends Error {}

interface ParsedArgs {
  command: string | null;
  files: string[];
  flags: Map<string, string | true>;
}

const VALUE_FLAGS = new Set(['--max-bytes']);
const KNOWN_FLAGS = new Set(['--json', '--summary', '--help', '-h', ...VALUE_FLAGS]);

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
