import { ConfigError, loadConfig } from '@gazette-watch/config';
import { ingestionConfigSchema, natsConnectionOf } from './ingestion.config';

describe('ingestion configuration', () => {
  it('has the documented defaults', () => {
    expect(loadConfig(ingestionConfigSchema, {})).toMatchObject({
      HTTP_PORT: 3101,
      MAX_GAZETTE_BYTES: 50 * 1024 * 1024,
      MIGRATE_ON_BOOT: true,
    });
  });

  it('reads MIGRATE_ON_BOOT and MAX_GAZETTE_BYTES', () => {
    expect(loadConfig(ingestionConfigSchema, { MIGRATE_ON_BOOT: 'false', MAX_GAZETTE_BYTES: '1024' })).toMatchObject({
      MIGRATE_ON_BOOT: false,
      MAX_GAZETTE_BYTES: 1024,
    });
    expect(() => loadConfig(ingestionConfigSchema, { MIGRATE_ON_BOOT: 'maybe', MAX_GAZETTE_BYTES: '1e6' })).toThrow(
      ConfigError,
    );
  });

  it('moves NATS credentials out of the URL, where nats.js would ignore them', () => {
    expect(natsConnectionOf('nats://127.0.0.1:4222')).toEqual({ servers: 'nats://127.0.0.1:4222', connection: {} });
    expect(natsConnectionOf('nats://us%40r:p%3Ass@nats.internal:4222')).toEqual({
      servers: 'nats://nats.internal:4222',
      connection: { user: 'us@r', pass: 'p:ss' },
    });
  });
});
