import { JetStreamClient } from '@gazette-watch/messaging';
import { DynamicModule, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { AppointmentsController } from './appointments.controller';
import { DocumentsController } from './documents.controller';
import { GazettesController } from './gazettes.controller';
import { HealthController } from './health.controller';
import { ServiceQueryRepository } from './service-query.repository';

@Module({})
export class ApiModule implements OnApplicationShutdown {
  constructor(@Inject(JetStreamClient) private readonly client: JetStreamClient) {}

  /** `client` is connected; the module drains it at shutdown. */
  static register(client: JetStreamClient): DynamicModule {
    return {
      module: ApiModule,
      controllers: [GazettesController, DocumentsController, AppointmentsController, HealthController],
      providers: [
        { provide: JetStreamClient, useValue: client },
        {
          provide: ServiceQueryRepository,
          useFactory: (nats: JetStreamClient) => new ServiceQueryRepository(nats),
          inject: [JetStreamClient],
        },
      ],
    };
  }

  /** After the HTTP server stopped taking requests. */
  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
  }
}
