import type { ConnectionOptions } from 'nats';

/**
 * nats.js ignores credentials written in a server URL, yet the test harness hands NATS around as a
 * single URL (the NATS container always requires a user). This turns
 * `nats://user:pass@host:port` into connection options that carry them.
 */
export function natsConnectionOptions(natsUrl: string): ConnectionOptions {
  const parsed = new URL(natsUrl);
  const server = `${parsed.hostname}:${parsed.port || '4222'}`;
  const options: ConnectionOptions = { servers: server };
  if (parsed.username) options.user = decodeURIComponent(parsed.username);
  if (parsed.password) options.pass = decodeURIComponent(parsed.password);
  return options;
}
