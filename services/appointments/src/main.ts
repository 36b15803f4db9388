import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig } from '@gazette-watch/config';
import { createAppointmentsApp } from './appointments.app';
import { appointmentsConfigSchema } from './appointments.config';

async function main(): Promise<void> {
  const config = loadConfig(appointmentsConfigSchema);
  const app = await createAppointmentsApp(config);
  // SIGTERM/SIGINT: the transport stops pulling, lets running handlers finish and drains, then the
  // database closes; exiting with 0 afterwards tells an orchestrator the stop was clean.
  app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
  await app.listen();
  Logger.log('appointments service listening', 'Main');
}

main().catch((error: unknown) => {
  // A configuration error already names every bad variable; anything else keeps its stack.
  if (error instanceof ConfigError) console.error(error.message);
  else console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
