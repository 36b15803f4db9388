import { JetStreamClient } from '@gazette-watch/messaging';
import { DynamicModule, Inject, Injectable, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { GazetteEventsRepository } from './gazette-events.repository';
import { GazetteUploadInterceptor } from './gazette-upload.interceptor';
import { GazetteController, HealthController } from './gazette.controller';
import { GazetteHandler } from './gazette.handler';
import { GazetteRepository } from './gazette.repository';
import { INGESTION_CONFIG, type IngestionConfig } from './ingestion.config';
import { ReplayReportRepository } from './replay-report.repository';
import { ReplayRunRepository } from './replay-run.repository';
import { ReplayHandler } from './replay.handler';
import { IngestGazette } from './use-cases/ingest-gazette.use-case';
import { ReportReplay } from './use-cases/report-replay.use-case';
import { StartReplay } from './use-cases/start-replay.use-case';

/** The client that asks the other stages for their replay reports, with a short timeout of its own. */
export const REPLAY_QUERY_CLIENT = Symbol('REPLAY_QUERY_CLIENT');

/** What `createIngestionApp` opens before Nest starts (migrations need the data source first). */
export interface IngestionDependencies {
  config: IngestionConfig;
  /** Initialised. */
  dataSource: DataSource;
  /** Publishes `gazette.ingested`. */
  events: JetStreamClient;
  /** Asks segmentation and appointments for their replay reports (REPLAY_QUERY_TIMEOUT_MS). */
  replayQueries: JetStreamClient;
}

/**
 * Closes the connections the module was given once the HTTP server and the JetStream server have
 * stopped (Nest runs shutdown hooks after both), so no request in flight loses its database.
 */
@Injectable()
class ConnectionsShutdown implements OnApplicationShutdown {
  private readonly logger = new Logger('Ingestion');

  constructor(
    private readonly dataSource: DataSource,
    @Inject(JetStreamClient) private readonly events: JetStreamClient,
    @Inject(REPLAY_QUERY_CLIENT) private readonly replayQueries: JetStreamClient,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    const results = await Promise.allSettled([
      this.events.close(),
      this.replayQueries.close(),
      this.dataSource.isInitialized ? this.dataSource.destroy() : Promise.resolve(),
    ]);
    for (const result of results) {
      if (result.status === 'rejected') this.logger.warn(`closing a connection failed: ${String(result.reason)}`);
    }
  }
}

@Module({})
export class IngestionModule {
  static register({ config, dataSource, events, replayQueries }: IngestionDependencies): DynamicModule {
    return {
      module: IngestionModule,
      controllers: [GazetteController, HealthController, GazetteHandler, ReplayHandler],
      providers: [
        { provide: INGESTION_CONFIG, useValue: config },
        { provide: DataSource, useValue: dataSource },
        { provide: JetStreamClient, useValue: events },
        { provide: GazetteRepository, useFactory: (ds: DataSource) => new GazetteRepository(ds), inject: [DataSource] },
        {
          provide: GazetteEventsRepository,
          useFactory: (client: JetStreamClient) => new GazetteEventsRepository(client),
          inject: [JetStreamClient],
        },
        { provide: REPLAY_QUERY_CLIENT, useValue: replayQueries },
        {
          provide: ReplayRunRepository,
          useFactory: (ds: DataSource) => new ReplayRunRepository(ds),
          inject: [DataSource],
        },
        {
          provide: ReplayReportRepository,
          useFactory: (client: JetStreamClient) => new ReplayReportRepository(client),
          inject: [REPLAY_QUERY_CLIENT],
        },
        IngestGazette,
        StartReplay,
        ReportReplay,
        GazetteUploadInterceptor,
        ConnectionsShutdown,
      ],
    };
  }
}
