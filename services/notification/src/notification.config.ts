import { baseConfigSchema, httpPortSchema, integerVariable } from '@gazette-watch/config';
import { z } from 'zod';

/** The service's own name: durable consumer, RPC queue group, `rpc.notification.*` and its schema. */
export const NOTIFICATION_SERVICE = 'notification';

const BOOLEAN = 'expected true or false';

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
});

export type NotificationConfig = z.infer<typeof notificationConfigSchema>;
