import { ObservabilityHttpServer } from '@gazette-watch/messaging';
import {
  BeforeApplicationShutdown,
  DynamicModule,
  Inject,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NotificationEventRepository } from './notification-event.repository';
import { NotificationHandler } from './notification.handler';
import { NotificationMetrics } from './notification.metrics';
import { NotificationRepository } from './notification.repository';
import { PublicEventPublisher } from './public-event.publisher';
import { SubscriptionHandler } from './subscription.handler';
import { SubscriptionMatcher } from './subscription.matcher';
import { SubscriptionRepository } from './subscription.repository';
import { AuthenticateSubscriber, CreateSubscriber } from './use-cases/create-subscriber.use-case';
import { CreateSubscription } from './use-cases/create-subscription.use-case';
import { DeliverWebhook, type WebhookPolicy } from './use-cases/deliver-webhook.use-case';
import { RecordNotification } from './use-cases/record-notification.use-case';
import { ReportNotificationProgress } from './use-cases/report-notification-progress.use-case';
import {
  RedeliverNotification,
  RotateWebhookSecret,
  UpdateSubscription,
} from './use-cases/update-subscription.use-case';
import { WebhookEndpointRepository } from './webhook-endpoint.repository';
import { WebhookDispatcher, type WebhookDispatcherOptions } from './webhook.dispatcher';

export interface NotificationModuleDependencies {
  /** Initialised and migrated; the module closes it at shutdown. */
  dataSource: DataSource;
  publicEvents: PublicEventPublisher;
  /** `/health/*` and `/metrics` on HTTP_PORT, for the lifetime of the application. */
  observability: ObservabilityHttpServer;
  /** The service's own counters and histograms, registered on its metrics registry. */
  notificationMetrics: NotificationMetrics;
  endpoints: WebhookEndpointRepository;
  webhookPolicy: WebhookPolicy;
  dispatcher: Omit<WebhookDispatcherOptions, 'leaseMs' | 'scheduleLength'>;
  secretOverlapMs: number;
}

@Module({})
export class NotificationModule implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(WebhookDispatcher) private readonly dispatcher: WebhookDispatcher,
    @Inject(WebhookEndpointRepository) private readonly endpoints: WebhookEndpointRepository,
  ) {}

  static register(dependencies: NotificationModuleDependencies): DynamicModule {
    const { webhookPolicy } = dependencies;
    const dataSource = dependencies.dataSource;
    const subscriptions = new SubscriptionRepository(dataSource);
    const notifications = new NotificationRepository(dataSource);
    const deliver = new DeliverWebhook(
      notifications,
      subscriptions,
      dependencies.endpoints,
      dependencies.notificationMetrics,
      webhookPolicy,
    );
    const dispatcher = new WebhookDispatcher(notifications, deliver, {
      ...dependencies.dispatcher,
      // Long enough that a live attempt always settles before its row can be claimed again.
      leaseMs: webhookPolicy.timeoutMs + 30_000,
      scheduleLength: webhookPolicy.schedule.length,
    });
    const wake = () => dispatcher.wake();
    return {
      module: NotificationModule,
      controllers: [NotificationHandler, SubscriptionHandler],
      providers: [
        { provide: DataSource, useValue: dataSource },
        { provide: PublicEventPublisher, useValue: dependencies.publicEvents },
        { provide: ObservabilityHttpServer, useValue: dependencies.observability },
        { provide: NotificationMetrics, useValue: dependencies.notificationMetrics },
        { provide: WebhookEndpointRepository, useValue: dependencies.endpoints },
        { provide: SubscriptionRepository, useValue: subscriptions },
        { provide: NotificationRepository, useValue: notifications },
        { provide: WebhookDispatcher, useValue: dispatcher },
        { provide: NotificationEventRepository, useValue: new NotificationEventRepository(dataSource) },
        {
          provide: RecordNotification,
          useFactory: (events: NotificationEventRepository, publisher: PublicEventPublisher) =>
            new RecordNotification(events, subscriptions, notifications, new SubscriptionMatcher(), publisher, wake),
          inject: [NotificationEventRepository, PublicEventPublisher],
        },
        ReportNotificationProgress,
        { provide: CreateSubscriber, useValue: new CreateSubscriber(subscriptions) },
        { provide: AuthenticateSubscriber, useValue: new AuthenticateSubscriber(subscriptions) },
        {
          provide: CreateSubscription,
          useValue: new CreateSubscription(
            subscriptions,
            notifications,
            dependencies.endpoints,
            dependencies.publicEvents,
            wake,
          ),
        },
        { provide: UpdateSubscription, useValue: new UpdateSubscription(subscriptions, dependencies.endpoints) },
        {
          provide: RotateWebhookSecret,
          useValue: new RotateWebhookSecret(subscriptions, dependencies.secretOverlapMs),
        },
        { provide: RedeliverNotification, useValue: new RedeliverNotification(notifications, wake) },
      ],
    };
  }

  onApplicationBootstrap(): void {
    this.dispatcher.start();
  }

  /** Before the connections close: attempts in flight finish and settle their rows. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.dispatcher.stop();
    this.endpoints.close();
  }

  /** After the transport has stopped and its handlers finished (shutdown hooks run last). */
  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
