import { z } from 'zod';
import { baseConfigSchema, httpPortSchema, logFormatOf, nestLogLevels } from './base-config.schema';
import { ConfigError } from './config.error';
import { loadConfig } from './config.loader';

function configErrorOf(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig with the base schema', () => {
  it('fills every default from an empty environment', () => {
    expect(loadConfig(baseConfigSchema, {})).toEqual({
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/gazette_watch',
      NATS_URL: 'nats://127.0.0.1:4222',
      NATS_SUBJECT_PREFIX: '',
      NATS_STREAM_PREFIX: '',
      MAX_DELIVER: 5,
      CONSUMER_CONCURRENCY: 8,
      LOG_LEVEL: 'info',
    });
  });

  it('takes set values, coercing numbers from their string form', () => {
    const config = loadConfig(baseConfigSchema, {
      DATABASE_URL: 'postgresql://app:secret@db.internal:6432/gw?sslmode=require',
      NATS_URL: 'tls://nats.internal:4222',
      NATS_SUBJECT_PREFIX: 't1a2b.',
      NATS_STREAM_PREFIX: 'T1A2B_',
      MAX_DELIVER: ' 12 ',
      LOG_LEVEL: 'debug',
      UNRELATED: 'ignored',
    });
    expect(config.MAX_DELIVER).toBe(12);
    expect(config.NATS_URL).toBe('tls://nats.internal:4222');
    expect(config).not.toHaveProperty('UNRELATED');
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig(baseConfigSchema, { MAX_DELIVER: '', NATS_URL: '' })).toMatchObject({
      MAX_DELIVER: 5,
      NATS_URL: 'nats://127.0.0.1:4222',
    });
  });

  it('returns a frozen object', () => {
    expect(Object.isFrozen(loadConfig(baseConfigSchema, {}))).toBe(true);
  });

  it('lists every invalid variable with its expected form in one message', () => {
    const error = configErrorOf(() =>
      loadConfig(baseConfigSchema, {
        DATABASE_URL: 'mysql://root:hunter2@db/gw',
        NATS_URL: '127.0.0.1:4222',
        NATS_SUBJECT_PREFIX: 't1',
        NATS_STREAM_PREFIX: 'T.1',
        MAX_DELIVER: '0',
        LOG_LEVEL: 'loud',
      }),
    );
    expect(error.issues.map((i) => i.variable)).toEqual([
      'DATABASE_URL',
      'NATS_URL',
      'NATS_SUBJECT_PREFIX',
      'NATS_STREAM_PREFIX',
      'MAX_DELIVER',
      'LOG_LEVEL',
    ]);
    expect(error.message).toBe(
      [
        'Invalid configuration (6 variables):',
        '  - DATABASE_URL: expected a postgres:// or postgresql:// URL with a host, e.g. postgres://user@host:5432/db — PostgreSQL',
        '  - NATS_URL: expected a nats:// (or tls://, ws://, wss://) URL with a host, e.g. nats://127.0.0.1:4222 — NATS with JetStream',
        '  - NATS_SUBJECT_PREFIX: expected empty or subject tokens each followed by a dot, e.g. "t42." — prefix of every subject (tests)',
        '  - NATS_STREAM_PREFIX: expected empty or letters, digits, "_" and "-", e.g. "T42_" — prefix of every stream name (tests)',
        '  - MAX_DELIVER: expected an integer from 1 to 100 — deliveries before a message is dead-lettered',
        '  - LOG_LEVEL: expected one of fatal, error, warn, info, debug, verbose — least severe level that is logged',
      ].join('\n'),
    );
  });

  it('never echoes a value, since connection strings carry passwords', () => {
    const error = configErrorOf(() => loadConfig(baseConfigSchema, { DATABASE_URL: 'mysql://root:hunter2@db/gw' }));
    expect(error.message).not.toContain('hunter2');
  });

  it.each([
    ['101', 'above the range'],
    ['2.5', 'a fraction'],
    ['0x10', 'hexadecimal'],
    ['1e1', 'an exponent'],
    ['five', 'a word'],
  ])('rejects MAX_DELIVER=%s — %s', (value) => {
    expect(configErrorOf(() => loadConfig(baseConfigSchema, { MAX_DELIVER: value })).issues).toEqual([
      {
        variable: 'MAX_DELIVER',
        message: 'expected an integer from 1 to 100 — deliveries before a message is dead-lettered',
      },
    ]);
  });

  it('rejects a postgres URL without a host', () => {
    expect(configErrorOf(() => loadConfig(baseConfigSchema, { DATABASE_URL: 'postgres:/gw' })).issues[0].variable).toBe(
      'DATABASE_URL',
    );
  });
});

describe('loadConfig with a service schema', () => {
  const schema = baseConfigSchema.extend({
    HTTP_PORT: httpPortSchema(3001),
    ADMIN_TOKEN: z.string().min(16).describe('token of the admin API'),
  });

  it('says which required variables are not set', () => {
    const error = configErrorOf(() => loadConfig(schema, { HTTP_PORT: '70000' }));
    expect(error.issues).toEqual([
      {
        variable: 'HTTP_PORT',
        message: 'expected an integer from 0 to 65535 — HTTP port of the service (health, metrics)',
      },
      {
        variable: 'ADMIN_TOKEN',
        message: 'not set; Invalid input: expected string, received undefined — token of the admin API',
      },
    ]);
    expect(error.message.split('\n')[0]).toBe('Invalid configuration (2 variables):');
  });

  it('types and defaults the extension', () => {
    const config = loadConfig(schema, { ADMIN_TOKEN: 'x'.repeat(16) });
    const port: number = config.HTTP_PORT;
    expect(port).toBe(3001);
  });

  it('reports a rule over several variables as — config', () => {
    const refined = z
      .object({ A: z.string().optional(), B: z.string().optional() })
      .refine((c) => c.A || c.B, 'set A or B');
    expect(configErrorOf(() => loadConfig(refined, {})).issues).toEqual([
      { variable: '(config)', message: 'set A or B' },
    ]);
  });
});

describe('logFormatOf', () => {
  it('keeps a configured format and otherwise picks text for a terminal, JSON lines elsewhere', () => {
    expect(logFormatOf('text', false)).toBe('text');
    expect(logFormatOf('json', true)).toBe('json');
    expect(logFormatOf(undefined, true)).toBe('text');
    expect(logFormatOf(undefined, false)).toBe('json');
  });

  it('rejects an unknown LOG_FORMAT', () => {
    expect(configErrorOf(() => loadConfig(baseConfigSchema, { LOG_FORMAT: 'xml' })).issues[0].variable).toBe(
      'LOG_FORMAT',
    );
  });
});

describe('nestLogLevels', () => {
  it('enables the level and everything more severe, with info named log', () => {
    expect(nestLogLevels('info')).toEqual(['fatal', 'error', 'warn', 'log']);
    expect(nestLogLevels('fatal')).toEqual(['fatal']);
    expect(nestLogLevels('verbose')).toHaveLength(6);
  });
});
