import { ConfigError, loadConfig } from '@gazette-watch/config';
import { Logger } from '@nestjs/common';
import { createExtractionApp } from './extraction.app';
import { extractionConfigSchema } from './extraction.config';

async function main(): Promise<void> {
  const config = loadConfig(extractionConfigSchema);
  const app = await createExtractionApp(config);
  // SIGTERM/SIGINT close the app: the transport stops pulling, lets running handlers finish and drains.
  app.enableShutdownHooks();
  await app.listen();
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    new Logger('extraction').fatal(error instanceof Error ? (error.stack ?? error.message) : String(error));
  }
  process.exit(1);
});
