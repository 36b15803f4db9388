import { JetStreamClient, ObservabilityHttpServer } from '@gazette-watch/messaging';
import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DocumentEntitiesRepository } from './document-entities.repository';
import { ExtractionHandler } from './extraction.handler';
import { PipelineEventsRepository } from '@gazette-watch/messaging';
import { ExtractDocument } from './use-cases/extract-document.use-case';
import { GetEntities } from './use-cases/get-entities.use-case';
import { ReportExtractionProgress } from './use-cases/report-extraction-progress.use-case';

export interface ExtractionConnections {
  dataSource: DataSource;
  /** Publishes `document.extracted` and `regulation.published`. */
  client: JetStreamClient;
  /** `/health/*` and `/metrics` on HTTP_PORT, for the lifetime of the application. */
  observability: ObservabilityHttpServer;
}

@Module({})
export class ExtractionModule implements OnApplicationShutdown {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(JetStreamClient) private readonly client: JetStreamClient,
  ) {}

  static register(connections: ExtractionConnections): DynamicModule {
    return {
      module: ExtractionModule,
      controllers: [ExtractionHandler],
      providers: [
        { provide: DataSource, useValue: connections.dataSource },
        { provide: JetStreamClient, useValue: connections.client },
        { provide: ObservabilityHttpServer, useValue: connections.observability },
        DocumentEntitiesRepository,
        PipelineEventsRepository,
        ExtractDocument,
        GetEntities,
        ReportExtractionProgress,
      ],
    };
  }

  /** Runs after the transport has stopped consuming and its running handlers finished. */
  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
