import { z } from 'zod';
import { baseConfigSchema, httpPortSchema } from './base-config.schema';
import { describeConfig } from './config.describer';

describe('describeConfig', () => {
  it('gives the rows of the configuration table for the base schema', () => {
    expect(describeConfig(baseConfigSchema)).toEqual([
      {
        name: 'DATABASE_URL',
        default: 'postgres://postgres@127.0.0.1:5432/gazette_watch',
        required: false,
        description: 'PostgreSQL',
      },
      { name: 'NATS_URL', default: 'nats://127.0.0.1:4222', required: false, description: 'NATS with JetStream' },
      { name: 'NATS_SUBJECT_PREFIX', default: '', required: false, description: 'prefix of every subject (tests)' },
      { name: 'NATS_STREAM_PREFIX', default: '', required: false, description: 'prefix of every stream name (tests)' },
      {
        name: 'MAX_DELIVER',
        default: '5',
        required: false,
        description: 'deliveries before a message is dead-lettered',
      },
      {
        name: 'CONSUMER_CONCURRENCY',
        default: '8',
        required: false,
        description: 'messages one replica of a consumer handles at once (each handler is idempotent and order-free)',
      },
      { name: 'LOG_LEVEL', default: 'info', required: false, description: 'least severe level that is logged' },
      {
        name: 'LOG_FORMAT',
        default: null,
        required: false,
        description: 'json (one object per line, for log collectors) or text; default json unless stdout is a terminal',
      },
    ]);
  });

  it('finds descriptions and defaults on any wrapper layer', () => {
    const schema = z.object({
      HTTP_PORT: httpPortSchema(3002),
      INNER: z.string().describe('described before the default').default('x'),
      OPTIONAL: z.string().optional().describe('may be absent'),
      REQUIRED: z.string(),
    });
    expect(describeConfig(schema)).toEqual([
      {
        name: 'HTTP_PORT',
        default: '3002',
        required: false,
        description: 'HTTP port of the service (health, metrics)',
      },
      { name: 'INNER', default: 'x', required: false, description: 'described before the default' },
      { name: 'OPTIONAL', default: null, required: false, description: 'may be absent' },
      { name: 'REQUIRED', default: null, required: true, description: '' },
    ]);
  });
});
