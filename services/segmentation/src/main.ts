import { ConfigError, loadConfig } from '@gazette-watch/config';
import { Logger } from '@nestjs/common';
import { createSegmentationApp } from './segmentation.app';
import { segmentationConfigSchema } from './segmentation.config';

async function main(): Promise<void> {
  const config = loadConfig(segmentationConfigSchema);
  const app = await createSegmentationApp(config);
  // SIGTERM/SIGINT close the app: the transport stops pulling, lets running handlers finish and drains.
  app.enableShutdownHooks();
  await app.listen();
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    new Logger('segmentation').fatal(error instanceof Error ? (error.stack ?? error.message) : String(error));
  }
  process.exit(1);
});
