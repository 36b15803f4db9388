import { JetStreamClient, ObservabilityHttpServer } from '@gazette-watch/messaging';
import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DocumentRepository } from './document.repository';
import { GazetteSourceRepository } from './gazette-source.repository';
import { PipelineEventsRepository } from '@gazette-watch/messaging';
import { SegmentationHandler } from './segmentation.handler';
import { GetDocument } from './use-cases/get-document.use-case';
import { ReportReplayDocuments } from './use-cases/report-replay-documents.use-case';
import { ReportSegmentationProgress } from './use-cases/report-segmentation-progress.use-case';
import { SearchDocuments } from './use-cases/search-documents.use-case';
import { GAZETTE_PARSER, SegmentGazette, type GazetteParser } from './use-cases/segment-gazette.use-case';

export interface SegmentationConnections {
  dataSource: DataSource;
  /** Publishes `document.segmented` and asks the ingestion service for gazettes. */
  client: JetStreamClient;
  /** `/health/*` and `/metrics` on HTTP_PORT, for the lifetime of the application. */
  observability: ObservabilityHttpServer;
  parser: GazetteParser;
}

@Module({})
export class SegmentationModule implements OnApplicationShutdown {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(JetStreamClient) private readonly client: JetStreamClient,
  ) {}

  static register(connections: SegmentationConnections): DynamicModule {
    return {
      module: SegmentationModule,
      controllers: [SegmentationHandler],
      providers: [
        { provide: DataSource, useValue: connections.dataSource },
        { provide: JetStreamClient, useValue: connections.client },
        { provide: ObservabilityHttpServer, useValue: connections.observability },
        { provide: GAZETTE_PARSER, useValue: connections.parser },
        DocumentRepository,
        GazetteSourceRepository,
        PipelineEventsRepository,
        SegmentGazette,
        SearchDocuments,
        GetDocument,
        ReportSegmentationProgress,
        ReportReplayDocuments,
      ],
    };
  }

  /** Runs after the transport has stopped consuming and its running handlers finished. */
  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
