import { createDataSource, CreateDeadLetterTable1763900000000, DeadLetterEntity } from '@gazette-watch/persistence';
import type { DataSource } from 'typeorm';
import { NotificationEventEntity } from './entities/notification-event.entity';
import { CreateNotificationEvent1764000000000 } from './migrations/create-notification-event.migration';
import { CreateSubscriptions1764100000000 } from './migrations/create-subscriptions.migration';
import { NOTIFICATION_SERVICE } from './notification.config';

/** The schema the service owns. */
export const NOTIFICATION_SCHEMA = NOTIFICATION_SERVICE;

/** In the order they run; tests fingerprint this list for their template database. */
export const NOTIFICATION_MIGRATIONS = [
  CreateDeadLetterTable1763900000000,
  CreateNotificationEvent1764000000000,
  CreateSubscriptions1764100000000,
];

export const NOTIFICATION_ENTITIES = [NotificationEventEntity, DeadLetterEntity];

/** `poolSize`: the service sizes it to the work it runs at once (consumers and webhook attempts). */
export function createNotificationDataSource(url: string, poolSize?: number): DataSource {
  return createDataSource({
    url,
    poolSize,
    schema: NOTIFICATION_SCHEMA,
    entities: NOTIFICATION_ENTITIES,
    migrations: NOTIFICATION_MIGRATIONS,
  });
}
