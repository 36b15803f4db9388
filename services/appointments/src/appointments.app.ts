import type { INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { nestLogLevels } from '@gazette-watch/config';
import { STREAMS, parseEnvelope } from '@gazette-watch/contracts';
import { JetStreamExceptionFilter, JetStreamServer, Namespace } from '@gazette-watch/messaging';
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
 */
export async function createAppointmentsApp(config: AppointmentsConfig): Promise<INestMicroservice> {
  if (config.MIGRATE_ON_BOOT) await migrateAppointments(config.DATABASE_URL);
  const dataSource = appointmentsDataSource(config.DATABASE_URL);
  await dataSource.initialize();
  try {
    const server = new JetStreamServer({
      servers: config.NATS_URL,
      service: APPOINTMENTS_SERVICE,
      namespace: new Namespace(config.NATS_SUBJECT_PREFIX, config.NATS_STREAM_PREFIX),
      streams: STREAMS,
      maxDeliver: config.MAX_DELIVER,
      concurrency: config.CONSUMER_CONCURRENCY,
      validate: (subject, data) => parseEnvelope(subject, data),
      deadLetters: new DeadLetterTableRecorder(dataSource),
    });
    const app = await NestFactory.createMicroservice(AppointmentsModule.register({ config, dataSource }), {
      strategy: server,
      logger: nestLogLevels(config.LOG_LEVEL),
    });
    // Without it Nest replaces unknown errors by "Internal server error" and dead letters lose their cause.
    app.useGlobalFilters(new JetStreamExceptionFilter());
    return app;
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
}
