import type { CommandIo } from './parse.command';

/**
 * The shape of one `gazette` command line: each command declares the flags it takes, and the
 * arguments after the command's name are read against that declaration alone.
 */

/** A mistake in the command line: the message and the command's usage are printed, exit 2. */
export class UsageError extends Error {}

export interface FlagDeclarations {
  /** Flags that take a value, `--flag V` or `--flag=V`; the last one given wins. */
  values?: readonly string[];
  /** Flags that stand alone. */
  booleans?: readonly string[];
  /** Flags that take a value and may be given again; every value is kept, in order. */
  repeatable?: readonly string[];
}

export interface ParsedCommandLine {
  positional: string[];
  values: Map<string, string>;
  booleans: Set<string>;
  repeated: Map<string, string[]>;
  /** `--help` or `-h` was given: the command's help is wanted, nothing else. */
  help: boolean;
}

const HELP_FLAGS = new Set(['--help', '-h']);

export function parseCommandLine(argv: readonly string[], flags: FlagDeclarations): ParsedCommandLine {
  const values = new Set(flags.values);
  const booleans = new Set(flags.booleans);
  const repeatable = new Set(flags.repeatable);
  const parsed: ParsedCommandLine = {
    positional: [],
    values: new Map(),
    booleans: new Set(),
    repeated: new Map(),
    help: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      parsed.positional.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      parsed.positional.push(arg);
      continue;
    }
    // Only the first '=' separates: a URL value may hold more.
    const equals = arg.indexOf('=');
    const name = equals < 0 ? arg : arg.slice(0, equals);
    const inline = equals < 0 ? undefined : arg.slice(equals + 1);
    if (HELP_FLAGS.has(name)) {
      parsed.help = true;
    } else if (booleans.has(name)) {
      if (inline !== undefined) throw new UsageError(`${name} takes no value`);
      parsed.booleans.add(name);
    } else if (values.has(name) || repeatable.has(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new UsageError(`${name} needs a value`);
      if (values.has(name)) parsed.values.set(name, value);
      else parsed.repeated.set(name, [...(parsed.repeated.get(name) ?? []), value]);
    } else {
      throw new UsageError(`unknown option ${name}`);
    }
  }
  return parsed;
}

/** What a command may reach besides its arguments; injected so tests need no process state. */
export interface CommandRuntime {
  io: CommandIo;
  env: Readonly<Record<string, string | undefined>>;
  /** Ctrl-C and SIGTERM as a signal, for the commands that run until stopped; release when done. */
  untilInterrupted(): { signal: AbortSignal; release(): void };
}

export interface CommandDefinition {
  name: string;
  /** The command's line in the overview, after `gazette `. */
  synopsis: string;
  /** What the command does, for the overview; further lines are indented under the first. */
  summary: string;
  /** `gazette COMMAND --help`: the full usage and every flag. */
  help: string;
  flags: FlagDeclarations;
  /** Resolves to the process exit code; throws UsageError for a mistake in the command line. */
  run(args: ParsedCommandLine, runtime: CommandRuntime): Promise<number>;
}
