import { DeadLetterTableRecorder } from '@gazette-watch/persistence';
import { logFormatOf, nestLogLevels } from '@gazette-watch/config';
import { STREAMS, parseEnvelope } from '@gazette-watch/contracts';
import { createConsumerService, JetStreamClient, Namespace, StructuredLogger } from '@gazette-watch/messaging';
import type { INestMicroservice } from '@nestjs/common';

import { EXTRACTION_SERVICE, type ExtractionConfig } from './extraction.config';
import { openExtractionDatabase } from './extraction.data-source';
import { ExtractionModule } from './extraction.module';

/**
 * The extraction service as a Nest microservice over JetStream, migrated (unless
 * `MIGRATE_ON_BOOT=false`) but not yet listening: call `app.listen()`, and `app.close()` to stop.
 * `listen()` also opens `/health/live`, `/health/ready` and `/metrics` on HTTP_PORT
 * (`app.get(ObservabilityHttpServer).port()`).
 */
export async function createExtractionApp(config: ExtractionConfig): Promise<INestMicroservice> {
  const namespace = new Namespace(config.NATS_SUBJECT_PREFIX, config.NATS_STREAM_PREFIX);
  const dataSource = await openExtractionDatabase(config.DATABASE_URL, { migrate: config.MIGRATE_ON_BOOT });
  const client = new JetStreamClient({ servers: config.NATS_URL, name: `${EXTRACTION_SERVICE}-client`, namespace });
  try {
    return await createConsumerService({
      service: EXTRACTION_SERVICE,
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
        service: EXTRACTION_SERVICE,
        levels: nestLogLevels(config.LOG_LEVEL),
        format: logFormatOf(config.LOG_FORMAT),
      }),
      module: ({ observability }) => ExtractionModule.register({ dataSource, client, observability }),
    });
  } catch (error) {
    await client.close().catch(() => undefined);
    await dataSource.destroy().catch(() => undefined);
    throw error;
  }
}
