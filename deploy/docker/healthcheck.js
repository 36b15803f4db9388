'use strict';
/**
 * `node healthcheck.js [PATH]`: exits 0 when GET PATH (default /health/live) on the service's
 * HTTP_PORT answers 2xx, 1 otherwise. The image's HEALTHCHECK and the compose health checks use
 * it: the slim Node image has neither curl nor wget.
 */
const fs = require('node:fs');
const http = require('node:http');
const { SERVICES } = require('./entrypoint.js');

const TIMEOUT_MS = 4000;

/** The service the container runs, read from PID 1's command line (`… entrypoint.js <service>`). */
function runningService() {
  try {
    const argv = fs.readFileSync('/proc/1/cmdline', 'utf8').split('\0');
    const at = argv.findIndex((arg) => arg.endsWith('entrypoint.js'));
    return at >= 0 ? argv[at + 1] : undefined;
  } catch {
    return undefined;
  }
}

function check(path) {
  const service = runningService();
  const port = process.env.HTTP_PORT || (service && Object.hasOwn(SERVICES, service) ? SERVICES[service] : undefined);
  // `migrate` and other one-shot commands serve no HTTP: nothing to check while they run.
  if (!port) return;
  const request = http.get({ host: '127.0.0.1', port: Number(port), path, timeout: TIMEOUT_MS }, (response) => {
    response.resume();
    const ok = response.statusCode >= 200 && response.statusCode < 300;
    if (!ok) process.stderr.write(`${path} answered ${response.statusCode}\n`);
    process.exitCode = ok ? 0 : 1;
  });
  request.on('timeout', () => request.destroy(new Error(`no answer within ${TIMEOUT_MS} ms`)));
  request.on('error', (error) => {
    process.stderr.write(`${path} on port ${port}: ${error.message}\n`);
    process.exitCode = 1;
  });
}

check(process.argv[2] || '/health/live');
