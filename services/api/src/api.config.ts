import { baseConfigSchema, httpPortSchema, integerVariable } from '@gazette-watch/config';
import { z } from 'zod';

/** Connection name on the NATS server. */
export const API_SERVICE = 'api';

/** The gateway owns no table, so the database and delivery settings do not apply to it. */
export const apiConfigSchema = baseConfigSchema.omit({ DATABASE_URL: true, MAX_DELIVER: true }).extend({
  HTTP_PORT: httpPortSchema(3000),
  RPC_TIMEOUT_MS: integerVariable(100, 60_000)
    .default(5_000)
    .describe('how long the gateway waits for a service to answer a query before replying 503'),
});

export type ApiConfig = z.infer<typeof apiConfigSchema>;
