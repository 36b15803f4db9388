'use strict';
/**
 * The image's entrypoint: `docker run gazette-watch <service>` runs that service,
 * `docker run gazette-watch migrate` runs `gazette migrate` (every schema's migrations, once) and
 * `docker run gazette-watch gazette ARGS...` any other `gazette` command.
 *
 * The service is loaded into this very process rather than spawned, so that in a container it is
 * PID 1 and receives SIGTERM itself: its shutdown hooks drain the JetStream consumers.
 */
const path = require('node:path');

const ROOT = path.join(__dirname, '..', '..');

/** Every service in the image, with the HTTP_PORT it listens on when none is given. */
const SERVICES = Object.freeze({
  ingestion: 3101,
  segmentation: 3102,
  extraction: 3103,
  appointments: 3104,
  notification: 3105,
  api: 3000,
});

const USAGE = `usage: gazette-watch SERVICE | migrate | gazette ARGS...
  SERVICE is one of ${Object.keys(SERVICES).join(', ')}`;

/** Exit code of a usage mistake (sysexits EX_USAGE). */
const EX_USAGE = 64;

function runGazette(args) {
  const cli = require(path.join(ROOT, 'services', 'cli', 'dist', 'main.js'));
  cli.main(args).then((code) => {
    process.exitCode = code;
  });
}

function start(argv) {
  const [command, ...rest] = argv;
  if (command !== undefined && Object.hasOwn(SERVICES, command)) {
    if (rest.length) {
      process.stderr.write(`gazette-watch: ${command} takes no arguments; configure it through the environment\n`);
      process.exitCode = EX_USAGE;
      return;
    }
    require(path.join(ROOT, 'services', command, 'dist', 'main.js'));
    return;
  }
  if (command === 'migrate') return runGazette(['migrate', ...rest]);
  if (command === 'gazette') return runGazette(rest);
  process.stderr.write(`${command === undefined ? '' : `gazette-watch: unknown command ${command}\n`}${USAGE}\n`);
  process.exitCode = EX_USAGE;
}

module.exports = { SERVICES };

if (require.main === module) start(process.argv.slice(2));
