import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describeError } from './errors';
import type { PrometheusMetrics } from './prometheus.metrics';

/** One dependency `GET /health/ready` checks; `check` rejects (or times out) when it is unusable. */
export interface ReadinessCheck {
  readonly name: string;
  check(): Promise<unknown>;
}

export interface ObservabilityEndpointsOptions {
  metrics: PrometheusMetrics;
  readiness: readonly ReadinessCheck[];
  /** A check slower than this fails, so a hung dependency cannot hang the probe. Default 2 000. */
  checkTimeoutMs?: number;
}

export interface ReadinessView {
  status: 'ready' | 'unavailable';
  /** Each check by name: `ok`, or the reason it failed. */
  checks: Record<string, { status: 'ok' } | { status: 'failed'; error: string }>;
  /** The names of the failed checks. */
  failed: string[];
}

/** A database answers `SELECT 1` (`query` is e.g. `sql => dataSource.query(sql)`). */
export function databaseReadiness(query: (sql: string) => Promise<unknown>): ReadinessCheck {
  return { name: 'database', check: () => query('SELECT 1') };
}

/** A NATS connection is up (`connected` reads its state, e.g. `() => server.isConnected()`). */
export function natsReadiness(connected: () => boolean | Promise<boolean>): ReadinessCheck {
  return {
    name: 'nats',
    check: async () => {
      if (!(await connected())) throw new Error('not connected to NATS');
    },
  };
}

export async function readinessOf(checks: readonly ReadinessCheck[], timeoutMs = 2_000): Promise<ReadinessView> {
  const results = await Promise.all(
    checks.map(async ({ name, check }) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      });
      try {
        await Promise.race([check(), timeout]);
        return [name, { status: 'ok' as const }] as const;
      } catch (error) {
        return [name, { status: 'failed' as const, error: describeError(error) }] as const;
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  const failed = results.filter(([, result]) => result.status === 'failed').map(([name]) => name);
  return { status: failed.length === 0 ? 'ready' : 'unavailable', checks: Object.fromEntries(results), failed };
}

/**
 * `GET /health/live`, `GET /health/ready` and `GET /metrics` as a plain Node request listener:
 * the listener of the ops server of the services without an HTTP face, and an Express middleware
 * (`app.use(...)`, other paths go to `next`) in those with one.
 */
export function observabilityEndpoints(
  options: ObservabilityEndpointsOptions,
): (request: IncomingMessage, response: ServerResponse, next?: () => void) => void {
  return (request, response, next) => {
    const path = (request.url ?? '/').split('?')[0];
    const known = path === '/health/live' || path === '/health/ready' || path === '/metrics';
    if (!known || (request.method !== 'GET' && request.method !== 'HEAD')) {
      if (next) return next();
      return sendJson(response, known ? 405 : 404, { error: known ? 'method not allowed' : 'not found' });
    }
    void answer(path, options, response).catch((error: unknown) => {
      if (!response.headersSent) sendJson(response, 500, { error: describeError(error) });
      else response.destroy();
    });
  };
}

async function answer(path: string, options: ObservabilityEndpointsOptions, response: ServerResponse): Promise<void> {
  if (path === '/health/live') return sendJson(response, 200, { status: 'live' });
  if (path === '/health/ready') {
    const view = await readinessOf(options.readiness, options.checkTimeoutMs);
    return sendJson(response, view.status === 'ready' ? 200 : 503, view);
  }
  const text = await options.metrics.scrape();
  response.writeHead(200, { 'Content-Type': options.metrics.contentType });
  response.end(text);
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  response.end(JSON.stringify(body));
}

export interface ObservabilityHttpServerOptions extends ObservabilityEndpointsOptions {
  /** 0 picks a free port (tests). */
  port: number;
  host?: string;
}

/**
 * The HTTP face of a service that has none of its own: the observability endpoints on `HTTP_PORT`.
 * A Nest provider: it listens when the application boots (before the transport connects, so
 * `/health/ready` answers 503 until NATS is up) and closes when the application shuts down.
 */
export class ObservabilityHttpServer implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly httpServer: Server;
  private readonly logger = new Logger('ObservabilityHttpServer');

  constructor(private readonly options: ObservabilityHttpServerOptions) {
    this.httpServer = createServer(observabilityEndpoints(options));
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.httpServer.listening) return;
    await new Promise<void>((resolve, reject) => {
      this.httpServer.once('error', reject);
      this.httpServer.listen(this.options.port, this.options.host, () => {
        this.httpServer.off('error', reject);
        resolve();
      });
    });
    this.logger.log(`health and metrics on port ${this.port()}`);
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.httpServer.listening) return;
    // Probes use short-lived connections; idle keep-alive ones must not hold the close up.
    this.httpServer.closeIdleConnections();
    await new Promise<void>((resolve) => this.httpServer.close(() => resolve()));
  }

  /** The port listened on (the chosen one when configured with 0). */
  port(): number {
    const address = this.httpServer.address() as AddressInfo | null;
    if (!address) throw new Error('the observability HTTP server is not listening');
    return address.port;
  }
}
