import { baseConfigSchema, httpPortSchema, integerVariable } from '@gazette-watch/config';
import { z } from 'zod';

/** Connection name on the NATS server. */
export const API_SERVICE = 'api';

/** Long enough that a key cannot be guessed online; generated keys are far longer. */
export const ADMIN_API_KEY_MIN_LENGTH = 24;

/**
 * Operator keys, comma-separated. The error names a key by its position and length only: the
 * loader never echoes values, and a key is a password.
 */
const adminApiKeysSchema = z
  .string()
  .transform((text, context) => {
    const keys = text
      .split(',')
      .map((key) => key.trim())
      .filter((key) => key !== '');
    keys.forEach((key, index) => {
      if (key.length < ADMIN_API_KEY_MIN_LENGTH) {
        context.addIssue({
          code: 'custom',
          message:
            `admin key ${index + 1} of ${keys.length} has ${key.length} characters; ` +
            `each key needs at least ${ADMIN_API_KEY_MIN_LENGTH} (e.g. openssl rand -base64 32)`,
        });
      }
    });
    return keys;
  })
  // prefault: the default is the text as written in the environment, parsed like a set value.
  .prefault('')
  .describe(
    `secret: comma-separated operator API keys (at least ${ADMIN_API_KEY_MIN_LENGTH} characters each); ` +
      'empty: no admin access',
  );

/** The gateway owns no table, so the database and delivery settings do not apply to it. */
export const apiConfigSchema = baseConfigSchema.omit({ DATABASE_URL: true, MAX_DELIVER: true }).extend({
  HTTP_PORT: httpPortSchema(3000),
  RPC_TIMEOUT_MS: integerVariable(100, 60_000)
    .default(5_000)
    .describe('how long the gateway waits for a service to answer a query before replying 503'),
  ADMIN_API_KEYS: adminApiKeysSchema,
  SSE_HEARTBEAT_MS: integerVariable(100, 300_000)
    .default(15_000)
    .describe('interval of the comment lines that keep server-sent event streams open through proxies'),
  // No default in the schema: it depends on HTTP_PORT (see `publicBaseUrlOf`).
  PUBLIC_BASE_URL: z
    .url({ protocol: /^https?$/, hostname: /./, error: 'expected an http or https URL, e.g. https://gazette.example' })
    .optional()
    .describe('base URL of the links in Atom feeds; default http://localhost:<HTTP_PORT>'),
});

export type ApiConfig = z.infer<typeof apiConfigSchema>;

/** The configured public base URL, or the local one, without a trailing slash. */
export function publicBaseUrlOf(config: Pick<ApiConfig, 'PUBLIC_BASE_URL' | 'HTTP_PORT'>): string {
  return (config.PUBLIC_BASE_URL ?? `http://localhost:${config.HTTP_PORT}`).replace(/\/+$/, '');
}

/** Injection token of the loaded `ApiConfig`. */
export const API_CONFIG = Symbol('ApiConfig');
