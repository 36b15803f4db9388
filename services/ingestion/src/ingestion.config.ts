import { baseConfigSchema, httpPortSchema, integerVariable } from '@gazette-watch/config';
import { z } from 'zod';

/** The schema this service owns (docs/pipeline-design.md, "Persistence"). */
export const INGESTION_SCHEMA = 'ingestion';
/** Durable consumer name, RPC queue group and `producer` of the events this service publishes. */
export const INGESTION_SERVICE = 'ingestion';

const MIB = 1024 * 1024;

export const ingestionConfigSchema = baseConfigSchema.extend({
  HTTP_PORT: httpPortSchema(3101),
  // A gazette issue as text is a few hundred KiB; 50 MiB leaves room for HTML exports with markup
  // while keeping one request from filling the memory it is buffered in.
  MAX_GAZETTE_BYTES: integerVariable(1, 1024 * MIB)
    .default(50 * MIB)
    .describe('largest gazette file accepted, in bytes'),
  MIGRATE_ON_BOOT: z
    .stringbool({ error: 'expected true or false' })
    .default(true)
    .describe('run the schema migrations before serving'),
  // Below the gateway's RPC_TIMEOUT_MS: a replay status that waits on a busy stage must still answer.
  REPLAY_QUERY_TIMEOUT_MS: integerVariable(100, 60_000)
    .default(1_500)
    .describe('how long a replay status waits for segmentation and appointments to report'),
});

export type IngestionConfig = z.infer<typeof ingestionConfigSchema>;

/** Injection token of the validated configuration. */
export const INGESTION_CONFIG = Symbol('INGESTION_CONFIG');
