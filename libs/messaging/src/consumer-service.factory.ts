import type { DynamicModule, INestMicroservice, LoggerService, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { JetStreamExceptionFilter } from './jetstream-exception.filter';
import { JetStreamServer, type JetStreamServerOptions } from './jetstream.server';
import { ObservabilityHttpServer, databaseReadiness, natsReadiness } from './observability-http.server';
import { PrometheusMetrics } from './prometheus.metrics';

/** What the service's module is assembled from. */
export interface ConsumerServiceParts {
  server: JetStreamServer;
  observability: ObservabilityHttpServer;
  metrics: PrometheusMetrics;
}

export interface ConsumerServiceOptions {
  /** Durable consumer, RPC queue group and the `service` label of the metrics. */
  service: string;
  /** The transport, but for what this factory sets (`service`, `metrics`). */
  transport: Omit<JetStreamServerOptions, 'service' | 'metrics'>;
  /** `/health/*` and `/metrics`; 0 picks a free port. */
  httpPort: number;
  /** Readiness asks the database this (`SELECT 1`). */
  databaseQuery: (sql: string) => Promise<unknown>;
  logger: LoggerService | LogLevel[] | false;
  module: (parts: ConsumerServiceParts) => DynamicModule;
}

/**
 * A service consuming JetStream as a Nest microservice, as every pipeline stage is one: its
 * transport with Prometheus metrics, `/health/live`, `/health/ready` (database and NATS) and
 * `/metrics` on `httpPort`, and the exception filter that keeps the real cause of a failure in dead
 * letters and RPC error replies. Not yet listening; the caller owns what it passed in and closes it
 * if this throws.
 */
export async function createConsumerService(options: ConsumerServiceOptions): Promise<INestMicroservice> {
  const metrics = new PrometheusMetrics(options.service);
  const server = new JetStreamServer({ ...options.transport, service: options.service, metrics: metrics.jetstream });
  const observability = new ObservabilityHttpServer({
    port: options.httpPort,
    metrics,
    readiness: [databaseReadiness(options.databaseQuery), natsReadiness(() => server.isConnected())],
  });
  const app = await NestFactory.createMicroservice(options.module({ server, observability, metrics }), {
    strategy: server,
    logger: options.logger,
  });
  app.useGlobalFilters(new JetStreamExceptionFilter());
  return app;
}
