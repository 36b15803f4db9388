import { ConfigError, describeConfig, loadConfig } from '@gazette-watch/config';
import { apiConfigSchema, publicBaseUrlOf } from './api.config';

const KEY_A = 'a'.repeat(24);
const KEY_B = 'b'.repeat(40);

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(apiConfigSchema, env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('apiConfigSchema', () => {
  it('defaults to no admin key, a 15 s heartbeat and no public base URL', () => {
    const config = loadConfig(apiConfigSchema, {});
    expect(config.ADMIN_API_KEYS).toEqual([]);
    expect(config.SSE_HEARTBEAT_MS).toBe(15_000);
    expect(config.PUBLIC_BASE_URL).toBeUndefined();
  });

  it('splits ADMIN_API_KEYS on commas, trimming and skipping empty entries', () => {
    expect(loadConfig(apiConfigSchema, { ADMIN_API_KEYS: ` ${KEY_A} ,,${KEY_B}` }).ADMIN_API_KEYS).toEqual([
      KEY_A,
      KEY_B,
    ]);
  });

  it('refuses to boot with a short admin key, naming it by position and never echoing it', () => {
    const error = configError({ ADMIN_API_KEYS: `${KEY_A},short-key-123` });
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0].variable).toBe('ADMIN_API_KEYS');
    expect(error.message).toContain('admin key 2 of 2 has 13 characters; each key needs at least 24');
    expect(error.message).not.toContain('short-key-123');
  });

  it('refuses a heartbeat out of range and a base URL that is not http(s)', () => {
    const error = configError({ SSE_HEARTBEAT_MS: '10', PUBLIC_BASE_URL: 'ftp://example.org' });
    expect(error.issues.map((issue) => issue.variable).sort()).toEqual(['PUBLIC_BASE_URL', 'SSE_HEARTBEAT_MS']);
  });

  it('describes the new variables for the README table, the keys as secret', () => {
    const rows = describeConfig(apiConfigSchema).filter((row) =>
      ['ADMIN_API_KEYS', 'SSE_HEARTBEAT_MS', 'PUBLIC_BASE_URL'].includes(row.name),
    );
    expect(rows).toEqual([
      { name: 'ADMIN_API_KEYS', default: '', required: false, description: expect.stringMatching(/^secret: /) },
      { name: 'SSE_HEARTBEAT_MS', default: '15000', required: false, description: expect.any(String) },
      { name: 'PUBLIC_BASE_URL', default: null, required: false, description: expect.stringContaining('HTTP_PORT') },
    ]);
  });
});

describe('publicBaseUrlOf', () => {
  it('is the configured URL without trailing slashes, else localhost on HTTP_PORT', () => {
    expect(publicBaseUrlOf({ PUBLIC_BASE_URL: 'https://gazette.example/api/', HTTP_PORT: 3000 })).toBe(
      'https://gazette.example/api',
    );
    expect(publicBaseUrlOf({ PUBLIC_BASE_URL: undefined, HTTP_PORT: 8080 })).toBe('http://localhost:8080');
  });
});
