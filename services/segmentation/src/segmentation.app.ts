import { DeadLetterTableRecorder } from '@gazette-watch/persistence';
import { logFormatOf, nestLogLevels } from '@gazette-watch/config';
import { STREAMS, parseEnvelope } from '@gazette-watch/contracts';
import { createConsumerService, JetStreamClient, Namespace, StructuredLogger } from '@gazette-watch/messaging';
import type { INestMicroservice } from '@nestjs/common';

import { SEGMENTATION_SERVICE, type SegmentationConfig } from './segmentation.config';
import { openSegmentationDatabase } from './segmentation.data-source';
import { SegmentationModule } from './segmentation.module';
import { defaultGazetteParser, type GazetteParser } from './use-cases/segment-gazette.use-case';

export interface SegmentationAppOptions {
  /** The parser in place of `parseGazette` (tests: a first run by an older parser, a replay by the current one). */
  parse?: GazetteParser;
}

/** The service that answers `gazette.fetch`. */
const INGESTION_SERVICE = 'ingestion';

/**
 * The segmentation service as a Nest microservice over JetStream, migrated (unless
 * `MIGRATE_ON_BOOT=false`) but not yet listening: call `app.listen()`, and `app.close()` to stop.
 * `listen()` also opens `/health/live`, `/health/ready` and `/metrics` on HTTP_PORT
 * (`app.get(ObservabilityHttpServer).port()`).
 */
export async function createSegmentationApp(
  config: SegmentationConfig,
  options: SegmentationAppOptions = {},
): Promise<INestMicroservice> {
  const namespace = new Namespace(config.NATS_SUBJECT_PREFIX, config.NATS_STREAM_PREFIX);
  const dataSource = await openSegmentationDatabase(config.DATABASE_URL, { migrate: config.MIGRATE_ON_BOOT });
  const client = new JetStreamClient({
    servers: config.NATS_URL,
    name: `${SEGMENTATION_SERVICE}-client`,
    namespace,
    service: INGESTION_SERVICE,
    requestTimeoutMs: config.FETCH_TIMEOUT_MS,
  });
  try {
    return await createConsumerService({
      service: SEGMENTATION_SERVICE,
      transport: {
        servers: config.NATS_URL,
        namespace,
        streams: STREAMS,
        maxDeliver: config.MAX_DELIVER,
        concurrency: config.CONSUMER_CONCURRENCY,
        nakDelayMs: config.RETRY_DELAY_MS,
        validate: (subject, data) => parseEnvelope(subject, data),
        deadLetters: new DeadLetterTableRecorder(dataSource),
      },
      httpPort: config.HTTP_PORT,
      databaseQuery: (sql) => dataSource.query(sql),
      logger: new StructuredLogger({
        service: SEGMENTATION_SERVICE,
        levels: nestLogLevels(config.LOG_LEVEL),
        format: logFormatOf(config.LOG_FORMAT),
      }),
      module: ({ observability }) =>
        SegmentationModule.register({
          dataSource,
          client,
          observability,
          parser: options.parse ?? defaultGazetteParser,
        }),
    });
  } catch (error) {
    await client.close().catch(() => undefined);
    await dataSource.destroy().catch(() => undefined);
    throw error;
  }
}
