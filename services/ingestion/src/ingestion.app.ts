import { STREAMS, parseEnvelope } from '@gazette-watch/contracts';
import { logFormatOf, nestLogLevels } from '@gazette-watch/config';
import {
  JetStreamClient,
  JetStreamServer,
  Namespace,
  PrometheusMetrics,
  StructuredLogger,
  databaseReadiness,
  natsReadiness,
  observabilityEndpoints,
} from '@gazette-watch/messaging';
import { DeadLetterTableRecorder, ensureSchema, runMigrations } from '@gazette-watch/persistence';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { MicroserviceOptions } from '@nestjs/microservices';
import { HttpErrorFilter } from './http-error.filter';
import { INGESTION_SCHEMA, INGESTION_SERVICE, type IngestionConfig } from './ingestion.config';
import { createIngestionDataSource } from './ingestion.data-source';
import { IngestionModule } from './ingestion.module';

/**
 * The ingestion service, ready to `listen(port)`: migrations run (when MIGRATE_ON_BOOT), the
 * database and NATS connected, the JetStream server (RPC answers, stream provisioning) started.
 * Beside `/gazettes` it serves `/health/live`, `/health/ready` and `/metrics`.
 * `app.close()` stops the HTTP server and the JetStream server, then closes the connections.
 */
export async function createIngestionApp(config: IngestionConfig): Promise<INestApplication> {
  const namespace = new Namespace(config.NATS_SUBJECT_PREFIX, config.NATS_STREAM_PREFIX);
  const dataSource = createIngestionDataSource(config.DATABASE_URL);
  const events = new JetStreamClient({
    servers: config.NATS_URL,
    name: `${INGESTION_SERVICE}-publisher`,
    namespace,
  });
  const replayQueries = new JetStreamClient({
    servers: config.NATS_URL,
    name: `${INGESTION_SERVICE}-replay-queries`,
    namespace,
    requestTimeoutMs: config.REPLAY_QUERY_TIMEOUT_MS,
  });

  let app: INestApplication | undefined;
  try {
    if (config.MIGRATE_ON_BOOT) {
      await ensureSchema(config.DATABASE_URL, INGESTION_SCHEMA);
      await runMigrations(dataSource);
    }
    if (!dataSource.isInitialized) await dataSource.initialize();

    const metrics = new PrometheusMetrics(INGESTION_SERVICE);
    app = await NestFactory.create(IngestionModule.register({ config, dataSource, events, replayQueries }), {
      // The routes read raw files and multipart themselves; a JSON parser would only get in the way.
      bodyParser: false,
      logger: new StructuredLogger({
        service: INGESTION_SERVICE,
        levels: nestLogLevels(config.LOG_LEVEL),
        format: logFormatOf(config.LOG_FORMAT),
      }),
      // Fail the caller (main exits 1, a test reports it) instead of Nest aborting the process.
      abortOnError: false,
    });
    app.useGlobalFilters(new HttpErrorFilter());
    const server = new JetStreamServer({
      servers: config.NATS_URL,
      service: INGESTION_SERVICE,
      namespace,
      streams: STREAMS,
      maxDeliver: config.MAX_DELIVER,
      validate: (subject, data) => parseEnvelope(subject, data),
      deadLetters: new DeadLetterTableRecorder(dataSource),
      metrics: metrics.jetstream,
    });
    // Before the routes: the probes answer whatever state the rest of the application is in.
    app.use(
      observabilityEndpoints({
        metrics,
        readiness: [databaseReadiness((sql) => dataSource.query(sql)), natsReadiness(() => server.isConnected())],
      }),
    );
    app.connectMicroservice<MicroserviceOptions>({ strategy: server });
    // The server provisions the streams, so `gazette.ingested` has a stream before the first upload.
    await app.startAllMicroservices();
    await events.connect();
    await replayQueries.connect();
    return app;
  } catch (error) {
    if (app) {
      await app.close().catch(() => undefined);
    } else {
      await events.close().catch(() => undefined);
      await replayQueries.close().catch(() => undefined);
      if (dataSource.isInitialized) await dataSource.destroy().catch(() => undefined);
    }
    throw error;
  }
}
