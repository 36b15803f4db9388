import type { ConnectionOptions } from 'nats';

/**
 * Connection options for nats.js from server URLs as configured (`NATS_URL`). nats.js ignores
 * credentials written in a server URL (`nats://user:pass@host:4222`), so they are moved into
 * `user`/`pass`; explicit `connection` options win. Every connection of the transport goes
 * through here, so no service has to split the URL itself.
 */
export function natsConnectionOptions(
  servers: string | string[],
  connection: Omit<ConnectionOptions, 'servers'> = {},
): ConnectionOptions {
  const options: ConnectionOptions = { ...connection };
  const plain = (Array.isArray(servers) ? servers : [servers]).map((server) => {
    let url: URL;
    try {
      url = new URL(server);
    } catch {
      return server; // "host:port" has no credentials to take
    }
    if (!url.username && !url.password) return server;
    if (url.username) options.user ??= decodeURIComponent(url.username);
    if (url.password) options.pass ??= decodeURIComponent(url.password);
    url.username = '';
    url.password = '';
    return url.toString().replace(/\/$/, '');
  });
  options.servers = Array.isArray(servers) ? plain : plain[0];
  return options;
}
