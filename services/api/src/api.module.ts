import { AdminReplayController } from './admin-replay.controller';
import { JetStreamClient, Namespace } from '@gazette-watch/messaging';
import {
  BeforeApplicationShutdown,
  DynamicModule,
  Inject,
  Logger,
  Module,
  OnApplicationShutdown,
} from '@nestjs/common';
import type { NatsConnection } from 'nats';
import { API_CONFIG, type ApiConfig } from './api.config';
import { AppointmentsController } from './appointments.controller';
import { ApiKeyAuthenticator } from './auth/api-key.authenticator';
import { DeliveriesController } from './deliveries.controller';
import { DocumentsController } from './documents.controller';
import { EventStreamRegistry } from './event-stream.registry';
import { EventStreamsController } from './event-streams.controller';
import { FeedsController } from './feeds.controller';
import { GazettesController } from './gazettes.controller';
import { HealthController } from './health.controller';
import { LiveEventRepository } from './live-event.repository';
import { ServiceQueryRepository } from './service-query.repository';
import { SubscribersController } from './subscribers.controller';
import { SubscriptionsController } from './subscriptions.controller';

/** What the gateway is built from: a connected NATS client and the namespace it was connected in. */
export interface ApiModuleDependencies {
  /** Connected; the module drains it at shutdown. */
  client: JetStreamClient;
  /** The namespace `client` uses, for the live subjects the gateway subscribes to itself. */
  namespace: Namespace;
  config: ApiConfig;
}

@Module({})
export class ApiModule implements BeforeApplicationShutdown, OnApplicationShutdown {
  constructor(
    @Inject(JetStreamClient) private readonly client: JetStreamClient,
    @Inject(EventStreamRegistry) private readonly streams: EventStreamRegistry,
  ) {}

  static register({ client, namespace, config }: ApiModuleDependencies): DynamicModule {
    return {
      module: ApiModule,
      controllers: [
        GazettesController,
        DocumentsController,
        AppointmentsController,
        HealthController,
        SubscribersController,
        SubscriptionsController,
        DeliveriesController,
        FeedsController,
        EventStreamsController,
        AdminReplayController,
      ],
      providers: [
        { provide: JetStreamClient, useValue: client },
        { provide: API_CONFIG, useValue: config },
        {
          provide: ServiceQueryRepository,
          useFactory: (nats: JetStreamClient) => new ServiceQueryRepository(nats),
          inject: [JetStreamClient],
        },
        {
          provide: ApiKeyAuthenticator,
          useFactory: (services: ServiceQueryRepository) =>
            new ApiKeyAuthenticator({
              adminKeys: config.ADMIN_API_KEYS,
              lookup: async (apiKey) =>
                (await services.ask('subscriber.authenticate', { api_key: apiKey })).subscriber_id,
            }),
          inject: [ServiceQueryRepository],
        },
        {
          provide: LiveEventRepository,
          useFactory: (nats: JetStreamClient) => {
            const logger = new Logger(LiveEventRepository.name);
            return new LiveEventRepository(
              () => nats.unwrap<NatsConnection>(),
              namespace,
              (subject, reason) => logger.warn(`dropped a message on ${subject} that breaks its contract: ${reason}`),
            );
          },
          inject: [JetStreamClient],
        },
        { provide: EventStreamRegistry, useValue: new EventStreamRegistry(config.SSE_HEARTBEAT_MS) },
      ],
    };
  }

  /** Before the HTTP server closes: it would wait for the event streams, which never end by themselves. */
  beforeApplicationShutdown(): void {
    this.streams.closeAll();
  }

  /** After the HTTP server stopped taking requests. */
  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
  }
}
