import { baseConfigSchema, httpPortSchema, integerVariable } from '@gazette-watch/config';
import { z } from 'zod';

/** The service's own name: durable consumer, RPC queue group, `rpc.segmentation.*` and its schema. */
export const SEGMENTATION_SERVICE = 'segmentation';

const BOOLEAN = 'expected true or false';

export const segmentationConfigSchema = baseConfigSchema.extend({
  HTTP_PORT: httpPortSchema(3102),
  MIGRATE_ON_BOOT: z
    .enum(['true', 'false'], { error: BOOLEAN })
    .transform((value) => value === 'true')
    .default(true)
    .describe('run the schema migrations before consuming (off when a deploy job migrates)'),
  FETCH_TIMEOUT_MS: integerVariable(100, 120_000)
    .default(10_000)
    .describe('how long to wait for the ingestion service to hand over a gazette'),
  RETRY_DELAY_MS: integerVariable(10, 600_000)
    .default(1_000)
    .describe('first delay before a failed message is redelivered (doubles per delivery)'),
});

export type SegmentationConfig = z.infer<typeof segmentationConfigSchema>;
