import { ConfigError, loadConfig } from '@gazette-watch/config';
import { Logger } from '@nestjs/common';
import { createNotificationApp } from './notification.app';
import { notificationConfigSchema } from './notification.config';

async function main(): Promise<void> {
  const config = loadConfig(notificationConfigSchema);
  const app = await createNotificationApp(config);
  // useProcessExit: exit 0 once the transport has drained, instead of re-raising the signal.
  app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
  await app.listen();
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    new Logger('notification').fatal(error instanceof Error ? (error.stack ?? error.message) : String(error));
  }
  process.exit(1);
});
