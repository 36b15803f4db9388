import { logFormatOf, nestLogLevels } from '@gazette-watch/config';
import { parseEnvelope, STREAMS } from '@gazette-watch/contracts';
import {
  createConsumerService,
  Namespace,
  StructuredLogger,
  type JetStreamServerOptions,
} from '@gazette-watch/messaging';
import { DeadLetterTableRecorder, ensureSchema, runMigrations } from '@gazette-watch/persistence';
import type { INestMicroservice, LoggerService, LogLevel } from '@nestjs/common';

import type { NatsConnection } from 'nats';
import { createNotificationDataSource, NOTIFICATION_SCHEMA } from './notification.data-source';
import { NOTIFICATION_SERVICE, type NotificationConfig } from './notification.config';
import { NotificationModule } from './notification.module';
import { NotificationMetrics } from './notification.metrics';
import { PublicEventPublisher } from './public-event.publisher';
import { WebhookEndpointRepository } from './webhook-endpoint.repository';

export type NotificationTransportTuning = Partial<
  Pick<
    JetStreamServerOptions,
    'ackWaitMs' | 'nakDelayMs' | 'maxNakDelayMs' | 'pullExpiresMs' | 'closeTimeoutMs' | 'concurrency'
  >
>;

export interface NotificationAppOptions {
  /** Defaults to a `StructuredLogger` at `LOG_LEVEL` in `LOG_FORMAT`; tests pass `false`. */
  logger?: LoggerService | LogLevel[] | false;
  /** Tests shorten the transport's timings. */
  transport?: NotificationTransportTuning;
}

/**
 * The notification service: a microservice whose only HTTP face is `/health/*` and `/metrics` on
 * HTTP_PORT (`app.get(ObservabilityHttpServer).port()`). Migrates its schema first when
 * `MIGRATE_ON_BOOT`; the caller starts it with `listen()` and stops it with `close()`.
 */
export async function createNotificationApp(
  config: NotificationConfig,
  options: NotificationAppOptions = {},
): Promise<INestMicroservice> {
  // Every consumer handler and every webhook attempt in flight may hold a connection at once.
  const dataSource = createNotificationDataSource(
    config.DATABASE_URL,
    config.CONSUMER_CONCURRENCY + config.WEBHOOK_CONCURRENCY + 2,
  );
  try {
    if (config.MIGRATE_ON_BOOT) {
      await ensureSchema(config.DATABASE_URL, NOTIFICATION_SCHEMA);
      await runMigrations(dataSource);
    } else {
      await dataSource.initialize();
    }
    const namespace = new Namespace(config.NATS_SUBJECT_PREFIX, config.NATS_STREAM_PREFIX);
    return await createConsumerService({
      service: NOTIFICATION_SERVICE,
      transport: {
        servers: config.NATS_URL,
        namespace,
        streams: STREAMS,
        maxDeliver: config.MAX_DELIVER,
        concurrency: config.CONSUMER_CONCURRENCY,
        // Only subjects with a handler get here (the others are skipped), so each is an event type.
        validate: (subject, data) => parseEnvelope(subject, data),
        deadLetters: new DeadLetterTableRecorder(dataSource),
        ...options.transport,
      },
      httpPort: config.HTTP_PORT,
      databaseQuery: (sql) => dataSource.query(sql),
      logger:
        options.logger ??
        new StructuredLogger({
          service: NOTIFICATION_SERVICE,
          levels: nestLogLevels(config.LOG_LEVEL),
          format: logFormatOf(config.LOG_FORMAT),
        }),
      module: ({ server, observability, metrics }) =>
        NotificationModule.register({
          dataSource,
          publicEvents: new PublicEventPublisher(
            () => server.unwrap<NatsConnection>(),
            namespace,
            NOTIFICATION_SERVICE,
            config.PUBLIC_FLUSH_TIMEOUT_MS,
          ),
          observability,
          notificationMetrics: new NotificationMetrics(metrics.registry),
          endpoints: new WebhookEndpointRepository(config.WEBHOOK_ALLOWED_ADDRESSES),
          webhookPolicy: {
            schedule: config.WEBHOOK_RETRY_SCHEDULE,
            jitter: config.WEBHOOK_RETRY_JITTER,
            timeoutMs: config.WEBHOOK_TIMEOUT_MS,
            maxRetryAfterMs: config.WEBHOOK_MAX_RETRY_AFTER,
            disableAfterMs: config.WEBHOOK_DISABLE_AFTER,
          },
          dispatcher: {
            concurrency: config.WEBHOOK_CONCURRENCY,
            pollMs: config.WEBHOOK_POLL_MS,
            service: NOTIFICATION_SERVICE,
          },
          secretOverlapMs: config.WEBHOOK_SECRET_OVERLAP,
        }),
    });
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy();
    throw error;
  }
}
