import { ConfigError, loadConfig } from '@gazette-watch/config';
import { Logger } from '@nestjs/common';
import { createApiApp } from './api.app';
import { apiConfigSchema } from './api.config';

async function main(): Promise<void> {
  const config = loadConfig(apiConfigSchema);
  const app = await createApiApp(config);
  // useProcessExit: exit 0 once the HTTP server and the NATS connection are closed.
  app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
  await app.listen(config.HTTP_PORT);
  new Logger('api').log(`listening on port ${config.HTTP_PORT}; OpenAPI at /docs`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    new Logger('api').fatal(error instanceof Error ? (error.stack ?? error.message) : String(error));
  }
  process.exit(1);
});
