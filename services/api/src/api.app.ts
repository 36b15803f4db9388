import { nestLogLevels } from '@gazette-watch/config';
import { JetStreamClient, Namespace } from '@gazette-watch/messaging';
import type { INestApplication, LoggerService, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { API_SERVICE, type ApiConfig } from './api.config';
import { ApiModule } from './api.module';
import { ServiceQueryExceptionFilter } from './service-query-exception.filter';

export interface ApiAppOptions {
  /** Defaults to the levels of `LOG_LEVEL`; tests pass `false`. */
  logger?: LoggerService | LogLevel[] | false;
}

/**
 * The HTTP gateway: answers from the owning services over NATS request/reply, with the OpenAPI
 * document at `/docs` (`/docs-json` for the JSON). Connects to NATS before returning, so a wrong
 * `NATS_URL` fails at boot; the caller starts it with `listen(port)`.
 */
export async function createApiApp(config: ApiConfig, options: ApiAppOptions = {}): Promise<INestApplication> {
  const client = new JetStreamClient({
    servers: config.NATS_URL,
    name: API_SERVICE,
    namespace: new Namespace(config.NATS_SUBJECT_PREFIX, config.NATS_STREAM_PREFIX),
    requestTimeoutMs: config.RPC_TIMEOUT_MS,
  });
  await client.connect();
  try {
    const app = await NestFactory.create(ApiModule.register(client), {
      logger: options.logger ?? nestLogLevels(config.LOG_LEVEL),
    });
    app.useGlobalFilters(new ServiceQueryExceptionFilter());
    const document = SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('Gazette Watch API')
        .setDescription(
          'Gazettes, documents, appointments and posts extracted from local-government gazettes. ' +
            'Each endpoint asks the service that owns the data; 503 means that service did not answer.',
        )
        .setVersion('1')
        .build(),
    );
    SwaggerModule.setup('docs', app, document);
    return app;
  } catch (error) {
    await client.close();
    throw error;
  }
}
