import { nestLogLevels } from '@gazette-watch/config';
import { parseEnvelope, STREAMS } from '@gazette-watch/contracts';
import {
  JetStreamExceptionFilter,
  JetStreamServer,
  Namespace,
  type JetStreamServerOptions,
} from '@gazette-watch/messaging';
import { DeadLetterTableRecorder, ensureSchema, runMigrations } from '@gazette-watch/persistence';
import type { INestMicroservice, LoggerService, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NatsConnection } from 'nats';
import { createNotificationDataSource, NOTIFICATION_SCHEMA } from './notification.data-source';
import { NOTIFICATION_SERVICE, type NotificationConfig } from './notification.config';
import { NotificationModule } from './notification.module';
import { PublicEventPublisher } from './public-event.publisher';

export type NotificationTransportTuning = Partial<
  Pick<
    JetStreamServerOptions,
    'ackWaitMs' | 'nakDelayMs' | 'maxNakDelayMs' | 'pullExpiresMs' | 'closeTimeoutMs' | 'concurrency'
  >
>;

export interface NotificationAppOptions {
  /** Defaults to the levels of `LOG_LEVEL`; tests pass `false`. */
  logger?: LoggerService | LogLevel[] | false;
  /** Tests shorten the transport's timings. */
  transport?: NotificationTransportTuning;
}

/**
 * The notification service: a microservice without an HTTP face. Migrates its schema first when
 * `MIGRATE_ON_BOOT`; the caller starts it with `listen()` and stops it with `close()`.
 */
export async function createNotificationApp(
  config: NotificationConfig,
  options: NotificationAppOptions = {},
): Promise<INestMicroservice> {
  const dataSource = createNotificationDataSource(config.DATABASE_URL);
  try {
    if (config.MIGRATE_ON_BOOT) {
      await ensureSchema(config.DATABASE_URL, NOTIFICATION_SCHEMA);
      await runMigrations(dataSource);
    } else {
      await dataSource.initialize();
    }
    const namespace = new Namespace(config.NATS_SUBJECT_PREFIX, config.NATS_STREAM_PREFIX);
    const server = new JetStreamServer({
      servers: config.NATS_URL,
      service: NOTIFICATION_SERVICE,
      namespace,
      streams: STREAMS,
      maxDeliver: config.MAX_DELIVER,
      concurrency: config.CONSUMER_CONCURRENCY,
      // Only subjects with a handler get here (the others are skipped), so each is an event type.
      validate: (subject, data) => parseEnvelope(subject, data),
      deadLetters: new DeadLetterTableRecorder(dataSource),
      ...options.transport,
    });
    const publicEvents = new PublicEventPublisher(
      () => server.unwrap<NatsConnection>(),
      namespace,
      NOTIFICATION_SERVICE,
      config.PUBLIC_FLUSH_TIMEOUT_MS,
    );
    const app = await NestFactory.createMicroservice(NotificationModule.register({ dataSource, publicEvents }), {
      strategy: server,
      logger: options.logger ?? nestLogLevels(config.LOG_LEVEL),
    });
    app.useGlobalFilters(new JetStreamExceptionFilter());
    return app;
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy();
    throw error;
  }
}
