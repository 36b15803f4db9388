import { DeadLetterTableRecorder } from '@gazette-watch/persistence';
import { logFormatOf, nestLogLevels } from '@gazette-watch/config';
import { STREAMS, parseEnvelope } from '@gazette-watch/contracts';
import {
  JetStreamClient,
  JetStreamExceptionFilter,
  JetStreamServer,
  Namespace,
  ObservabilityHttpServer,
  PrometheusMetrics,
  StructuredLogger,
  databaseReadiness,
  natsReadiness,
} from '@gazette-watch/messaging';
import type { INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
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
    const metrics = new PrometheusMetrics(EXTRACTION_SERVICE);
    const server = new JetStreamServer({
      servers: config.NATS_URL,
      service: EXTRACTION_SERVICE,
      namespace,
      streams: STREAMS,
      maxDeliver: config.MAX_DELIVER,
      concurrency: config.CONSUMER_CONCURRENCY,
      nakDelayMs: config.RETRY_DELAY_MS,
      validate: (subject, data) => parseEnvelope(subject, data),
      deadLetters: new DeadLetterTableRecorder(dataSource),
      metrics: metrics.jetstream,
    });
    const observability = new ObservabilityHttpServer({
      port: config.HTTP_PORT,
      metrics,
      readiness: [databaseReadiness((sql) => dataSource.query(sql)), natsReadiness(() => server.isConnected())],
    });
    const app = await NestFactory.createMicroservice(ExtractionModule.register({ dataSource, client, observability }), {
      strategy: server,
      logger: new StructuredLogger({
        service: EXTRACTION_SERVICE,
        levels: nestLogLevels(config.LOG_LEVEL),
        format: logFormatOf(config.LOG_FORMAT),
      }),
    });
    // Keeps the real cause of a failure in dead letters and RPC error replies.
    app.useGlobalFilters(new JetStreamExceptionFilter());
    return app;
  } catch (error) {
    await client.close().catch(() => undefined);
    await dataSource.destroy().catch(() => undefined);
    throw error;
  }
}
