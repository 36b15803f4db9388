import { logFormatOf, nestLogLevels } from '@gazette-watch/config';
import {
  HttpMetrics,
  JetStreamClient,
  Namespace,
  PrometheusMetrics,
  StructuredLogger,
  natsReadiness,
  observabilityEndpoints,
} from '@gazette-watch/messaging';
import type { INestApplication, LoggerService, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { API_SERVICE, type ApiConfig } from './api.config';
import { ApiModule } from './api.module';
import { withApiKeySecurity } from './auth/api-key.security';
import { httpMetricsMiddleware } from './http-metrics.middleware';
import { ServiceQueryExceptionFilter } from './service-query-exception.filter';
import { ServiceQueryRepository } from './service-query.repository';

export interface ApiAppOptions {
  /** Defaults to a `StructuredLogger` at `LOG_LEVEL` in `LOG_FORMAT`; tests pass `false`. */
  logger?: LoggerService | LogLevel[] | false;
}

/** A PING to NATS slower than this counts as disconnected. */
const NATS_PING_TIMEOUT_MS = 1_000;

/**
 * The HTTP gateway: answers from the owning services over NATS request/reply, with the OpenAPI
 * document at `/docs` (`/docs-json` for the JSON), `/health`, `/health/live`, `/health/ready` and
 * `/metrics`. Connects to NATS before returning, so a wrong
 * `NATS_URL` fails at boot; the caller starts it with `listen(port)`.
 */
export async function createApiApp(config: ApiConfig, options: ApiAppOptions = {}): Promise<INestApplication> {
  const namespace = new Namespace(config.NATS_SUBJECT_PREFIX, config.NATS_STREAM_PREFIX);
  const client = new JetStreamClient({
    servers: config.NATS_URL,
    name: API_SERVICE,
    namespace,
    requestTimeoutMs: config.RPC_TIMEOUT_MS,
  });
  await client.connect();
  try {
    const app = await NestFactory.create(ApiModule.register({ client, namespace, config }), {
      logger:
        options.logger ??
        new StructuredLogger({
          service: API_SERVICE,
          levels: nestLogLevels(config.LOG_LEVEL),
          format: logFormatOf(config.LOG_FORMAT),
        }),
    });
    const metrics = new PrometheusMetrics(API_SERVICE);
    const services = app.get(ServiceQueryRepository);
    // Before the routes, so every request is timed and the probes answer without touching them.
    app.use(httpMetricsMiddleware(new HttpMetrics(metrics.registry)));
    app.use(
      observabilityEndpoints({
        metrics,
        // The gateway owns no database: ready means it can reach the services over NATS.
        readiness: [natsReadiness(() => services.connected(NATS_PING_TIMEOUT_MS))],
      }),
    );
    app.useGlobalFilters(new ServiceQueryExceptionFilter());
    const document = SwaggerModule.createDocument(
      app,
      withApiKeySecurity(
        new DocumentBuilder()
          .setTitle('Gazette Watch API')
          .setDescription(
            'Gazettes, documents, appointments and posts extracted from local-government gazettes, and ' +
              'subscriptions to the facts found in them (webhooks, Atom feeds, server-sent events). ' +
              'Each endpoint asks the service that owns the data; 503 means that service did not answer. ' +
              'Subscription endpoints need an API key: an operator key (ADMIN_API_KEYS) or a subscriber key.',
          )
          .setVersion('1'),
      ).build(),
    );
    SwaggerModule.setup('docs', app, document);
    return app;
  } catch (error) {
    await client.close();
    throw error;
  }
}
