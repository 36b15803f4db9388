import { ConfigError, loadConfig } from '@gazette-watch/config';
import { Logger } from '@nestjs/common';
import { createIngestionApp } from './ingestion.app';
import { ingestionConfigSchema } from './ingestion.config';

async function main(): Promise<void> {
  const config = loadConfig(ingestionConfigSchema);
  const app = await createIngestionApp(config);
  // SIGTERM/SIGINT close the HTTP server, drain the JetStream server, then the connections.
  app.enableShutdownHooks();
  await app.listen(config.HTTP_PORT);
  new Logger('Ingestion').log(`HTTP on port ${config.HTTP_PORT}`);
}

main().catch((error: unknown) => {
  // A configuration problem is the operator's to fix: its message lists every variable, no stack needed.
  const message =
    error instanceof ConfigError
      ? error.message
      : error instanceof Error
        ? (error.stack ?? error.message)
        : String(error);
  console.error(`ingestion failed to start: ${message}`);
  process.exitCode = 1;
});
