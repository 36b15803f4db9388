import { loadConfig } from '@gazette-watch/config';
import { ObservabilityHttpServer } from '@gazette-watch/messaging';
import { describeServiceObservability } from '@gazette-watch/testing';
import { createNotificationApp } from '../src/notification.app';
import { notificationConfigSchema } from '../src/notification.config';

jest.setTimeout(30_000);

describeServiceObservability({
  name: 'notification',
  stream: 'FACTS',
  extraMetrics: ['gazette_notifications_total'],
  createApp: (env) => createNotificationApp(loadConfig(notificationConfigSchema, env), { logger: false }),
  httpServerOf: (app) => app.get(ObservabilityHttpServer).httpServer,
});
