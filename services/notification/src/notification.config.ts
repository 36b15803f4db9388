import { baseConfigSchema, httpPortSchema, integerVariable } from '@gazette-watch/config';
import {
  DEFAULT_RETRY_SCHEDULE,
  parseAddressAllowlist,
  parseRetrySchedule,
  type AddressAllowlist,
} from '@gazette-watch/subscriptions';
import { z } from 'zod';

/** The service's own name: durable consumer, RPC queue group, `rpc.notification.*` and its schema. */
export const NOTIFICATION_SERVICE = 'notification';

const BOOLEAN = 'expected true or false';

/** A text variable parsed once at boot, so a mistake stops the service with the parser's message. */
function parsedVariable<T>(parse: (text: string) => T) {
  return z.string().transform((text, context): T => {
    try {
      return parse(text);
    } catch (error) {
      context.addIssue({ code: 'custom', message: error instanceof Error ? error.message : String(error) });
      return z.NEVER;
    }
  });
}

/** One duration ("30s", "5d") in milliseconds. */
function durationVariable(defaultValue: string) {
  return parsedVariable((text) => {
    const [ms] = parseRetrySchedule(text);
    if (text.includes(',')) throw new RangeError(`expected one duration, got "${text}"`);
    return ms;
  }).default(parseRetrySchedule(defaultValue)[0]);
}

export const notificationConfigSchema = baseConfigSchema.extend({
  HTTP_PORT: httpPortSchema(3105),
  MIGRATE_ON_BOOT: z
    .enum(['true', 'false'], { error: BOOLEAN })
    .transform((value) => value === 'true')
    .default(true)
    .describe('run the schema migrations before consuming (off when a deploy job migrates)'),
  PUBLIC_FLUSH_TIMEOUT_MS: integerVariable(100, 60_000)
    .default(5_000)
    .describe('how long a public core-NATS publish may wait for the server to confirm it (flush)'),
  WEBHOOK_RETRY_SCHEDULE: parsedVariable(parseRetrySchedule)
    .default(parseRetrySchedule(DEFAULT_RETRY_SCHEDULE))
    .describe(
      `delay before each webhook attempt, comma-separated (${DEFAULT_RETRY_SCHEDULE}); its length is the attempts`,
    ),
  WEBHOOK_RETRY_JITTER: z.coerce
    .number({ error: 'expected a fraction between 0 and 1' })
    .min(0)
    .max(1)
    .default(0.2)
    .describe('spread of each retry delay (0.2 = ±20 %), so failed endpoints are not retried in lockstep'),
  WEBHOOK_TIMEOUT_MS: integerVariable(100, 120_000)
    .default(10_000)
    .describe('how long one webhook attempt may take, connection to last byte'),
  WEBHOOK_CONCURRENCY: integerVariable(1, 1_000).default(32).describe('webhook attempts in flight per replica'),
  WEBHOOK_POLL_MS: integerVariable(10, 60_000)
    .default(1_000)
    .describe('how often the dispatcher looks for due deliveries that another replica queued'),
  WEBHOOK_DISABLE_AFTER: durationVariable('5d').describe(
    'an endpoint without a successful delivery for this long (e.g. 5d) is disabled with the reason',
  ),
  WEBHOOK_MAX_RETRY_AFTER: durationVariable('24h').describe('the longest Retry-After a receiver can ask for'),
  WEBHOOK_SECRET_OVERLAP: durationVariable('24h').describe('how long the previous secret still signs after a rotation'),
  WEBHOOK_ALLOWED_ADDRESSES: parsedVariable<AddressAllowlist>(parseAddressAllowlist)
    .default(parseAddressAllowlist(''))
    .describe(
      'CIDRs or addresses webhooks may reach although loopback, private or link-local (e.g. 127.0.0.1/32); empty by default',
    ),
});

export type NotificationConfig = z.infer<typeof notificationConfigSchema>;
