import { baseConfigSchema, httpPortSchema, integerVariable } from '@gazette-watch/config';
import { z } from 'zod';

/** The service's own name: durable consumer, RPC queue group, `rpc.extraction.*` and its schema. */
export const EXTRACTION_SERVICE = 'extraction';

const BOOLEAN = 'expected true or false';

export const extractionConfigSchema = baseConfigSchema.extend({
  HTTP_PORT: httpPortSchema(3103),
  MIGRATE_ON_BOOT: z
    .enum(['true', 'false'], { error: BOOLEAN })
    .transform((value) => value === 'true')
    .default(true)
    .describe('run the schema migrations before consuming (off when a deploy job migrates)'),
  RETRY_DELAY_MS: integerVariable(10, 600_000)
    .default(1_000)
    .describe('first delay before a failed message is redelivered (doubles per delivery)'),
});

export type ExtractionConfig = z.infer<typeof extractionConfigSchema>;
