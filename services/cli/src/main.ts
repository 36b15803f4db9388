import { join } from 'node:path';
import { webhookUrlSchema } from '@gazette-watch/contracts';
import {
  type CommandDefinition,
  type CommandRuntime,
  type ParsedCommandLine,
  parseCommandLine,
  UsageError,
} from './command-line.parser';
import { runIngest } from './ingest.command';
import { runMigrate } from './migrate.command';
import { DEFAULT_MAX_BYTES, runParse, type CommandIo } from './parse.command';
import { runReplay } from './replay.command';
import { runSubscribe } from './subscribe.command';
import { runUp } from './up.command';
import { runWatch } from './watch.command';
import { FILTER_FLAG_NAMES, FILTER_HELP, FILTER_SYNOPSIS, filterFromFlags } from './watch-filter.options';

const ROOT = join(__dirname, '..', '..', '..');
const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/gazette_watch';

const ENVIRONMENT = `  environment: DATABASE_URL (${DEFAULT_DATABASE_URL}),
  NATS_URL (nats://127.0.0.1:4222), API_PORT (3000), INGESTION_PORT (3101),
  GAZETTE_API_URL (http://127.0.0.1:$API_PORT), GAZETTE_API_KEY (subscribe)`;

const API_HELP = '  --api URL         the API gateway (default GAZETTE_API_URL, else http://127.0.0.1:$API_PORT)';

function setting(runtime: CommandRuntime, name: string, fallback: string): string {
  return runtime.env[name] || fallback;
}

function positiveInteger(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`${name} takes a positive whole number`);
  return n;
}

function port(runtime: CommandRuntime, name: string, fallback: number): number {
  return positiveInteger(setting(runtime, name, String(fallback)), name, fallback);
}

/** `--api`, else GAZETTE_API_URL, else the local gateway; without a trailing slash. */
function apiUrl(args: ParsedCommandLine, runtime: CommandRuntime): string {
  const given = args.values.get('--api');
  const url = given ?? (runtime.env.GAZETTE_API_URL || `http://127.0.0.1:${port(runtime, 'API_PORT', 3000)}`);
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
    throw new UsageError(
      `${given !== undefined ? '--api' : 'GAZETTE_API_URL'} takes an http or https URL, not "${url}"`,
    );
  }
  return url.replace(/\/+$/, '');
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

function terminal(): { live: boolean; rewrite?: (lines: string[]) => void } {
  const live = process.stdout.isTTY === true;
  return { live, rewrite: live ? liveRewriter() : undefined };
}

const timeoutMs = (args: ParsedCommandLine): number =>
  positiveInteger(args.values.get('--timeout'), '--timeout', 300) * 1000;
const maxBytes = (args: ParsedCommandLine): number =>
  positiveInteger(args.values.get('--max-bytes'), '--max-bytes', DEFAULT_MAX_BYTES);

const parseCommand: CommandDefinition = {
  name: 'parse',
  synopsis: 'parse FILE... [--json | --summary] [--max-bytes N]',
  summary: `split gazette issues into documents, entities and appointments (no services needed)
--json      the result as JSON (one object per line for several files)
--summary   a readable table (the default)
--max-bytes refuse files larger than N bytes (default ${DEFAULT_MAX_BYTES})`,
  help: `usage: gazette parse FILE... [--json | --summary] [--max-bytes N]

Splits gazette issues into documents, entities and appointments; no services needed.

  --json         the result as JSON (one object per line for several files)
  --summary      a readable table (the default)
  --max-bytes N  refuse files larger than N bytes (default ${DEFAULT_MAX_BYTES})`,
  flags: { booleans: ['--json', '--summary'], values: ['--max-bytes'] },
  async run(args, runtime) {
    if (!args.positional.length) throw new UsageError('parse needs at least one FILE');
    if (args.booleans.has('--json') && args.booleans.has('--summary')) {
      throw new UsageError('choose --json or --summary');
    }
    return runParse(
      { files: args.positional, format: args.booleans.has('--json') ? 'json' : 'summary', maxBytes: maxBytes(args) },
      runtime.io,
    );
  },
};

const upCommand: CommandDefinition = {
  name: 'up',
  synopsis: 'up [--samples DIR] [--exit] [--timeout SECONDS]',
  summary: `the main job: start every service, ingest the sample gazettes, wait for every stage,
print a summary and serve the API until Ctrl-C (--exit: stop after the summary)`,
  help: `usage: gazette up [--samples DIR] [--exit] [--timeout SECONDS]

The main job: makes sure the database exists, starts every service, ingests the sample gazettes,
waits for every stage, prints a summary and serves the API until Ctrl-C.

  --samples DIR        the gazettes to ingest (default samples/gazettes)
  --exit               stop after the summary instead of serving
  --timeout SECONDS    give up waiting for the stages after this long (default 300)

${ENVIRONMENT}`,
  flags: { values: ['--samples', '--timeout'], booleans: ['--exit'] },
  async run(args, runtime) {
    if (args.positional.length) throw new UsageError('up takes no files (see --samples)');
    const { live, rewrite } = terminal();
    return runUp(
      {
        root: ROOT,
        samples: args.values.get('--samples') ?? join(ROOT, 'samples', 'gazettes'),
        databaseUrl: setting(runtime, 'DATABASE_URL', DEFAULT_DATABASE_URL),
        natsUrl: setting(runtime, 'NATS_URL', 'nats://127.0.0.1:4222'),
        apiPort: port(runtime, 'API_PORT', 3000),
        ingestionPort: port(runtime, 'INGESTION_PORT', 3101),
        timeoutMs: timeoutMs(args),
        exitAfterSummary: args.booleans.has('--exit'),
        live,
      },
      { ...runtime.io, rewrite },
    );
  },
};

const ingestCommand: CommandDefinition = {
  name: 'ingest',
  synopsis: 'ingest FILE|DIR... [--timeout SECONDS] [--max-bytes N]',
  summary: 'submit gazettes to the running pipeline and follow them through the stages',
  help: `usage: gazette ingest FILE|DIR... [--timeout SECONDS] [--max-bytes N]

Submits gazettes (a directory: its .txt, .html and .md files) to the running pipeline and follows
each one through the stages until every stage is done.

  --timeout SECONDS  give up waiting after this long; the gazettes stay ingested (default 300)
  --max-bytes N      refuse files larger than N bytes (default ${DEFAULT_MAX_BYTES})

  environment: GAZETTE_INGESTION_URL (http://127.0.0.1:$INGESTION_PORT),
  GAZETTE_API_URL (http://127.0.0.1:$API_PORT), INGESTION_PORT (3101), API_PORT (3000)`,
  flags: { values: ['--timeout', '--max-bytes'] },
  async run(args, runtime) {
    if (!args.positional.length) throw new UsageError('ingest needs at least one FILE or DIR');
    const { live, rewrite } = terminal();
    const result = await runIngest(
      {
        paths: args.positional,
        ingestionUrl: setting(
          runtime,
          'GAZETTE_INGESTION_URL',
          `http://127.0.0.1:${port(runtime, 'INGESTION_PORT', 3101)}`,
        ),
        apiUrl: setting(runtime, 'GAZETTE_API_URL', `http://127.0.0.1:${port(runtime, 'API_PORT', 3000)}`),
        maxBytes: maxBytes(args),
        timeoutMs: timeoutMs(args),
        live,
      },
      { ...runtime.io, rewrite },
    );
    return result.code;
  },
};

const migrateCommand: CommandDefinition = {
  name: 'migrate',
  synopsis: 'migrate',
  summary: `create the database if missing and run every service's schema migrations once
(a deploy step before services started with MIGRATE_ON_BOOT=false)`,
  help: `usage: gazette migrate

Creates the database if missing and runs every service's schema migrations once: a deploy step
before services started with MIGRATE_ON_BOOT=false.

  environment: DATABASE_URL (${DEFAULT_DATABASE_URL})`,
  flags: {},
  async run(args, runtime) {
    if (args.positional.length) throw new UsageError('migrate takes no arguments');
    return runMigrate({ root: ROOT, databaseUrl: setting(runtime, 'DATABASE_URL', DEFAULT_DATABASE_URL) }, runtime.io);
  },
};

const watchCommand: CommandDefinition = {
  name: 'watch',
  synopsis: 'watch [FILTER...] [--json] [--api URL]',
  summary: `follow new appointments and regulations as they are recorded, one line each, until Ctrl-C`,
  help: `usage: gazette watch [--json] [--api URL]
${FILTER_SYNOPSIS}

Follows the API's event stream: one line per new appointment or regulation (local time, kind,
title, document number and region) until Ctrl-C. If the stream drops it reconnects by itself,
telling the API the last event seen; the stream is live, so what was announced while disconnected
may be missed.

${FILTER_HELP}

  --json            each event's data as one JSON object per line
${API_HELP}

  exit status: 0 after Ctrl-C, 1 if the API cannot be reached at the start, 2 if the filter is refused`,
  flags: { booleans: ['--json'], values: ['--api'], repeatable: FILTER_FLAG_NAMES },
  async run(args, runtime) {
    if (args.positional.length) throw new UsageError('watch takes no arguments, only options');
    const options = {
      apiUrl: apiUrl(args, runtime),
      filter: filterFromFlags(args.repeated),
      json: args.booleans.has('--json'),
    };
    const interrupted = runtime.untilInterrupted();
    try {
      return await runWatch(options, runtime.io, interrupted.signal);
    } finally {
      interrupted.release();
    }
  },
};

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `YYYY-MM-DD` naming a day that exists. */
function calendarDate(value: string, flag: string): string {
  const match = ISO_DATE.exec(value);
  const day = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
  if (!day || day.toISOString().slice(0, 10) !== value) {
    throw new UsageError(`${flag} takes a date as YYYY-MM-DD, not "${value}"`);
  }
  return value;
}

/** Checked as the API checks it, so a mistyped URL is a usage error before any request. */
function webhookUrl(value: string | undefined): string {
  if (!value) throw new UsageError('subscribe needs --url WEBHOOK_URL');
  // The schema's credentials check throws on a string that is no URL at all, so that is caught first.
  if (!URL.canParse(value)) throw new UsageError(`--url takes an http or https URL, not "${value}"`);
  const result = webhookUrlSchema.safeParse(value);
  if (!result.success) throw new UsageError(`--url: ${result.error.issues.map((i) => i.message).join('; ')}`);
  return result.data;
}

const subscribeCommand: CommandDefinition = {
  name: 'subscribe',
  synopsis: 'subscribe --name NAME --url WEBHOOK_URL [FILTER...] [--since DATE] [--api URL]',
  summary: `register a webhook for the appointments and regulations a filter matches
(the API key in GAZETTE_API_KEY); prints its id, NATS subject and signing secret`,
  help: `usage: gazette subscribe --name NAME --url WEBHOOK_URL [--since DATE] [--api URL]
${FILTER_SYNOPSIS}

Creates a subscription: every new appointment or regulation the filter matches is posted to the
webhook (signed, Standard Webhooks) and published on its NATS subject. Prints the subscription's
id, its NATS subject, its filter and the webhook signing secret, which is shown only this once.

  --name NAME       what to call the subscription
  --url URL         the webhook: an http or https URL that receives a POST per notification

${FILTER_HELP}

  --since DATE      also notify the matching facts already known, received since DATE (YYYY-MM-DD)
${API_HELP}
  --key KEY         the API key; prefer GAZETTE_API_KEY: a key on the command line is visible to
                    other users in the process list and stays in the shell's history

  environment: GAZETTE_API_KEY (a subscriber's or an operator's key), GAZETTE_API_URL

  exit status: 0 created, 1 refused by the API or not reachable, 2 a mistake in the command line`,
  flags: { values: ['--name', '--url', '--since', '--api', '--key'], repeatable: FILTER_FLAG_NAMES },
  async run(args, runtime) {
    if (args.positional.length) throw new UsageError('subscribe takes no arguments, only options');
    const name = args.values.get('--name')?.trim();
    if (!name) throw new UsageError('subscribe needs --name NAME');
    const url = webhookUrl(args.values.get('--url'));
    const filter = filterFromFlags(args.repeated);
    const sinceValue = args.values.get('--since');
    const since = sinceValue === undefined ? null : calendarDate(sinceValue, '--since');
    const apiKey = args.values.get('--key') ?? runtime.env.GAZETTE_API_KEY;
    if (!apiKey) throw new UsageError('subscribe needs an API key: set GAZETTE_API_KEY');
    // A header carries visible ASCII only; anything else is a mistyped or mis-pasted key.
    if (!/^[\x21-\x7e]+$/.test(apiKey)) throw new UsageError('the API key holds characters no key has');
    return runSubscribe({ apiUrl: apiUrl(args, runtime), apiKey, name, webhookUrl: url, filter, since }, runtime.io);
  },
};

const replayCommand: CommandDefinition = {
  name: 'replay',
  synopsis: 'replay --gazette ID... | --all | --since DATE [--dry-run] [--no-wait] [--timeout SECONDS] [--api URL]',
  summary: 're-run stored gazettes through the current pipeline and report what changed (operators)',
  help: `usage: gazette replay --gazette ID... | --all | --since DATE [--dry-run] [--no-wait] [--timeout SECONDS] [--api URL]

Re-runs stored gazettes through the pipeline as it is now (after a parser improvement, say), follows
the run stage by stage and prints its report: documents and appointments added, removed and changed.
Subscribers are notified only of facts that are new or changed.

  --gazette ID       a gazette (its sha256 id); repeat for several
  --all              every stored gazette
  --since DATE       gazettes received on or after DATE (YYYY-MM-DD, UTC)
  --dry-run          list what would be replayed and publish nothing
  --no-wait          print the run and return without following it
  --timeout SECONDS  stop following after this long; the run goes on (default 300)
  --api URL          the API gateway (default GAZETTE_API_URL or http://127.0.0.1:$API_PORT)

  environment: GAZETTE_ADMIN_KEY (an operator key, one of the gateway's ADMIN_API_KEYS)`,
  flags: {
    repeatable: ['--gazette'],
    values: ['--since', '--timeout', '--api'],
    booleans: ['--all', '--dry-run', '--no-wait'],
  },
  run(args, runtime) {
    const { live, rewrite } = terminal();
    return runReplay(
      {
        apiUrl: apiUrl(args, runtime),
        adminKey: runtime.env.GAZETTE_ADMIN_KEY,
        gazetteIds: args.repeated.get('--gazette') ?? [],
        all: args.booleans.has('--all'),
        since: args.values.get('--since'),
        dryRun: args.booleans.has('--dry-run'),
        wait: !args.booleans.has('--no-wait'),
        timeoutMs: timeoutMs(args),
        live,
      },
      { ...runtime.io, rewrite },
    );
  },
};

/** Every command, in the order the overview lists them; a new command is one more entry. */
const COMMANDS: readonly CommandDefinition[] = [
  parseCommand,
  upCommand,
  ingestCommand,
  migrateCommand,
  watchCommand,
  subscribeCommand,
  replayCommand,
];

const NAME_WIDTH = Math.max(...COMMANDS.map((c) => c.name.length)) + 2;

const USAGE = [
  COMMANDS.map((c, i) => `${i ? '       ' : 'usage: '}gazette ${c.synopsis}`).join('\n'),
  '       gazette COMMAND --help',
  '',
  COMMANDS.map(
    (c) => `  ${c.name.padEnd(NAME_WIDTH)}${c.summary.replace(/\n/g, `\n  ${' '.repeat(NAME_WIDTH)}`)}`,
  ).join('\n'),
  '',
  `  FILTER (watch, subscribe): --kind appointment|regulation, --region R, --publisher P, --issuer I,
    --doc-type T, --person NAME, --organisation O, --keyword K (see gazette watch --help)`,
  '',
  ENVIRONMENT,
].join('\n');

const defaultIo: CommandIo = {
  out: (text) => process.stdout.write(text + '\n'),
  err: (text) => process.stderr.write(text + '\n'),
};

/** Ctrl-C and SIGTERM end the command cleanly instead of killing the process mid-line. */
function untilProcessInterrupted(): { signal: AbortSignal; release(): void } {
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return {
    signal: controller.signal,
    release: () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    },
  };
}

/** After a mistake: the command's usage lines and where the rest is, not its whole help. */
function briefUsage(command: CommandDefinition): string {
  const usage = command.help.split('\n\n')[0];
  return `${usage}\n(gazette ${command.name} --help tells more)`;
}

/** The `gazette` command; resolves to the process exit code. */
export async function main(
  argv: string[],
  io: CommandIo = defaultIo,
  runtime: Partial<Omit<CommandRuntime, 'io'>> = {},
): Promise<number> {
  const context: CommandRuntime = {
    io,
    env: runtime.env ?? process.env,
    untilInterrupted: runtime.untilInterrupted ?? untilProcessInterrupted,
  };
  const [name, ...rest] = argv;
  const command = COMMANDS.find((c) => c.name === name);
  try {
    if (!command) {
      if (name === '--help' || name === '-h') {
        io.out(USAGE);
        return 0;
      }
      if (name === undefined) {
        io.out(USAGE);
        return 2;
      }
      throw new UsageError(
        name.startsWith('-') ? `unknown option ${name} (options follow the command)` : `unknown command ${name}`,
      );
    }
    const args = parseCommandLine(rest, command.flags);
    if (args.help) {
      io.out(command.help);
      return 0;
    }
    return await command.run(args, context);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`gazette: ${e.message}\n${command ? briefUsage(command) : USAGE}`);
      return 2;
    }
    io.err(`gazette: internal error: ${(e as Error)?.message ?? e}`);
    return 70;
  }
}
