import { ObservabilityHttpServer } from '@gazette-watch/messaging';
import { DynamicModule, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NotificationEventRepository } from './notification-event.repository';
import { NotificationHandler } from './notification.handler';
import { NotificationMetrics } from './notification.metrics';
import { PublicEventPublisher } from './public-event.publisher';
import { RecordNotification } from './use-cases/record-notification.use-case';
import { ReportNotificationProgress } from './use-cases/report-notification-progress.use-case';

export interface NotificationModuleDependencies {
  /** Initialised and migrated; the module closes it at shutdown. */
  dataSource: DataSource;
  publicEvents: PublicEventPublisher;
  /** `/health/*` and `/metrics` on HTTP_PORT, for the lifetime of the application. */
  observability: ObservabilityHttpServer;
  /** `gazette_notifications_total`, registered on the service's metrics registry. */
  notificationMetrics: NotificationMetrics;
}

@Module({})
export class NotificationModule implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  static register(dependencies: NotificationModuleDependencies): DynamicModule {
    return {
      module: NotificationModule,
      controllers: [NotificationHandler],
      providers: [
        { provide: DataSource, useValue: dependencies.dataSource },
        { provide: PublicEventPublisher, useValue: dependencies.publicEvents },
        { provide: ObservabilityHttpServer, useValue: dependencies.observability },
        { provide: NotificationMetrics, useValue: dependencies.notificationMetrics },
        {
          provide: NotificationEventRepository,
          useFactory: (dataSource: DataSource) => new NotificationEventRepository(dataSource),
          inject: [DataSource],
        },
        RecordNotification,
        ReportNotificationProgress,
      ],
    };
  }

  /** After the transport has stopped and its handlers finished (shutdown hooks run last). */
  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
