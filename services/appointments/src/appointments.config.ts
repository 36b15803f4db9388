import { baseConfigSchema, httpPortSchema } from '@gazette-watch/config';
import { z } from 'zod';

/** The service's own name: durable consumer, RPC queue group, `rpc.appointments.*` and its schema. */
export const APPOINTMENTS_SERVICE = 'appointments';

const BOOLEAN = 'expected true or false';

export const appointmentsConfigSchema = baseConfigSchema.extend({
  HTTP_PORT: httpPortSchema(3104),
  MIGRATE_ON_BOOT: z
    .enum(['true', 'false'], { error: BOOLEAN })
    .transform((value) => value === 'true')
    .default(true)
    .describe('run the schema migrations before consuming (off when a deploy job migrates)'),
});

export type AppointmentsConfig = z.infer<typeof appointmentsConfigSchema>;
