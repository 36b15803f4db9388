import { ConfigError, loadConfig } from '@gazette-watch/config';
import { ingestionConfigSchema } from './ingestion.config';

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
});
