import type { INestMicroservice } from '@nestjs/common';

import { logFormatOf, nestLogLevels } from '@gazette-watch/config';
import { STREAMS, parseEnvelope } from '@gazette-watch/contracts';
import { createConsumerService, Namespace, StructuredLogger } from '@gazette-watch/messaging';
import { DeadLetterTableRecorder, createDataSource, ensureSchema, runMigrations } from '@gazette-watch/persistence';
import type { DataSource } from 'typeorm';
import { APPOINTMENTS_SERVICE, type AppointmentsConfig } from './appointments.config';
import { AppointmentsModule } from './appointments.module';
import { APPOINTMENTS_ENTITIES } from './entities';
import { APPOINTMENTS_MIGRATIONS } from './migrations';

export function appointmentsDataSource(url: string): DataSource {
  return createDataSource({
    url,
    schema: APPOINTMENTS_SERVICE,
    entities: APPOINTMENTS_ENTITIES,
    migrations: APPOINTMENTS_MIGRATIONS,
  });
}

/** Creates the schema and applies the pending migrations, then closes its connections. */
export async function migrateAppointments(url: string): Promise<string[]> {
  await ensureSchema(url, APPOINTMENTS_SERVICE);
  const dataSource = appointmentsDataSource(url);
  try {
    return await runMigrations(dataSource);
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
  }
}

/**
 * The appointments service as a Nest microservice over JetStream, not yet listening: `main.ts` and
 * the tests call `listen()` and `close()`. It migrates first unless `MIGRATE_ON_BOOT` is false.
 * `listen()` also opens `/health/live`, `/health/ready` and `/metrics` on HTTP_PORT
 * (`app.get(ObservabilityHttpServer).port()`).
 */
export async function createAppointmentsApp(config: AppointmentsConfig): Promise<INestMicroservice> {
  if (config.MIGRATE_ON_BOOT) await migrateAppointments(config.DATABASE_URL);
  const dataSource = appointmentsDataSource(config.DATABASE_URL);
  await dataSource.initialize();
  try {
    return await createConsumerService({
      service: APPOINTMENTS_SERVICE,
      transport: {
        servers: config.NATS_URL,
        namespace: new Namespace(config.NATS_SUBJECT_PREFIX, config.NATS_STREAM_PREFIX),
        streams: STREAMS,
        maxDeliver: config.MAX_DELIVER,
        concurrency: config.CONSUMER_CONCURRENCY,
        validate: (subject, data) => parseEnvelope(subject, data),
        deadLetters: new DeadLetterTableRecorder(dataSource),
      },
      httpPort: config.HTTP_PORT,
      databaseQuery: (sql) => dataSource.query(sql),
      logger: new StructuredLogger({
        service: APPOINTMENTS_SERVICE,
        levels: nestLogLevels(config.LOG_LEVEL),
        format: logFormatOf(config.LOG_FORMAT),
      }),
      module: ({ observability }) => AppointmentsModule.register({ config, dataSource, observability }),
    });
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
}
