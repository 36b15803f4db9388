import { z } from 'zod';

/**
 * The variables every service reads (see the configuration table of docs/pipeline-design.md).
 * Each field's `.describe()` text is its README description; each error message names the form
 * the value must take, which is what an operator needs when the service refuses to start.
 */

const POSTGRES_URL = 'expected a postgres:// or postgresql:// URL with a host, e.g. postgres://user@host:5432/db';
const NATS_URL = 'expected a nats:// (or tls://, ws://, wss://) URL with a host, e.g. nats://127.0.0.1:4222';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'verbose'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** A whole number written in decimal digits; `z.coerce.number` would also take "0x10", "1e3" or " ". */
export function integerVariable(min: number, max: number) {
  const expected = `expected an integer from ${min} to ${max}`;
  return z
    .string({ error: expected })
    .trim()
    .regex(/^\d+$/, expected)
    .transform(Number)
    .pipe(z.int().min(min, expected).max(max, expected));
}

/**
 * `HTTP_PORT`, whose default differs per service. 0 asks the system for a free port: tests start
 * several instances of a service in one process and read the port back from the listener.
 */
export function httpPortSchema(defaultPort: number) {
  return integerVariable(0, 65535).default(defaultPort).describe('HTTP port of the service (health, metrics)');
}

export const LOG_FORMATS = ['json', 'text'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

export const baseConfigSchema = z.object({
  DATABASE_URL: z
    .url({ protocol: /^postgres(?:ql)?$/, hostname: /./, error: POSTGRES_URL })
    .default('postgres://postgres@127.0.0.1:5432/gazette_watch')
    .describe('PostgreSQL'),
  NATS_URL: z
    .url({ protocol: /^(?:nats|tls|wss?)$/, hostname: /./, error: NATS_URL })
    .default('nats://127.0.0.1:4222')
    .describe('NATS with JetStream'),
  // Test runs set "t<run-id>." so their subjects never meet another run's on a shared server.
  NATS_SUBJECT_PREFIX: z
    .string()
    .regex(/^(?:[A-Za-z0-9_-]+\.)*$/, 'expected empty or subject tokens each followed by a dot, e.g. "t42."')
    .default('')
    .describe('prefix of every subject (tests)'),
  NATS_STREAM_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]*$/, 'expected empty or letters, digits, "_" and "-", e.g. "T42_"')
    .default('')
    .describe('prefix of every stream name (tests)'),
  MAX_DELIVER: integerVariable(1, 100).default(5).describe('deliveries before a message is dead-lettered'),
  CONSUMER_CONCURRENCY: integerVariable(1, 64)
    .default(8)
    .describe('messages one replica of a consumer handles at once (each handler is idempotent and order-free)'),
  LOG_LEVEL: z
    .enum(LOG_LEVELS, { error: `expected one of ${LOG_LEVELS.join(', ')}` })
    .default('info')
    .describe('least severe level that is logged'),
  // No default in the schema: the right one depends on where stdout goes (see `logFormatOf`).
  LOG_FORMAT: z
    .enum(LOG_FORMATS, { error: `expected one of ${LOG_FORMATS.join(', ')}` })
    .optional()
    .describe('json (one object per line, for log collectors) or text; default json unless stdout is a terminal'),
});

export type BaseConfig = z.infer<typeof baseConfigSchema>;

/** NestJS names `info` `log`; its logger takes the list of enabled levels rather than a threshold. */
export function nestLogLevels(level: LogLevel): ('fatal' | 'error' | 'warn' | 'log' | 'debug' | 'verbose')[] {
  const enabled = LOG_LEVELS.slice(0, LOG_LEVELS.indexOf(level) + 1);
  return enabled.map((l) => (l === 'info' ? 'log' : l));
}

/**
 * The log format in effect: the configured one, else text for a person at a terminal and JSON lines
 * for everything else (containers, `gazette up` log files, collectors).
 */
export function logFormatOf(
  format: LogFormat | undefined,
  stdoutIsTerminal = Boolean(process.stdout.isTTY),
): LogFormat {
  return format ?? (stdoutIsTerminal ? 'text' : 'json');
}
