import { Counter, Histogram, type Registry } from 'prom-client';

export type NotificationKind = 'appointment' | 'regulation';
/** `announced`: new or changed, announced; `duplicate`: already recorded as it is, nothing sent. */
export type NotificationOutcome = 'announced' | 'duplicate';
/** How one webhook attempt ended. */
export type DeliveryOutcome = 'succeeded' | 'retrying' | 'failed' | 'gone' | 'refused' | 'abandoned';

/** The service's own metrics on its registry: facts handled, notifications queued, webhook attempts. */
export class NotificationMetrics {
  private readonly facts: Counter<'kind' | 'outcome'>;
  private readonly queued: Counter<'kind' | 'channel'>;
  private readonly deliveries: Counter<'outcome'>;
  private readonly deliveryLatency: Histogram<'outcome'>;
  private readonly eventToDelivery: Histogram;

  constructor(registry: Registry) {
    this.facts = new Counter({
      name: 'gazette_notifications_total',
      help: 'Facts the notification service handled, by kind and outcome (announced or duplicate)',
      labelNames: ['kind', 'outcome'],
      registers: [registry],
    });
    this.queued = new Counter({
      name: 'gazette_subscription_notifications_total',
      help: 'Notifications created for subscriptions, by kind and channel (webhook or feed-only)',
      labelNames: ['kind', 'channel'],
      registers: [registry],
    });
    this.deliveries = new Counter({
      name: 'gazette_webhook_deliveries_total',
      help: 'Webhook attempts by outcome (succeeded, retrying, failed, gone, refused, abandoned)',
      labelNames: ['outcome'],
      registers: [registry],
    });
    this.deliveryLatency = new Histogram({
      name: 'gazette_webhook_attempt_seconds',
      help: 'Duration of one webhook attempt, by outcome',
      labelNames: ['outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
    this.eventToDelivery = new Histogram({
      name: 'gazette_webhook_delivery_lag_seconds',
      help: 'From the notification being created to its successful webhook delivery',
      buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 30, 300, 3600, 86400],
      registers: [registry],
    });
  }

  delivered(kind: NotificationKind, announced: boolean): void {
    this.facts.inc({ kind, outcome: announced ? 'announced' : 'duplicate' });
  }

  notificationsQueued(kind: NotificationKind, webhooks: number, feedOnly: number): void {
    if (webhooks) this.queued.inc({ kind, channel: 'webhook' }, webhooks);
    if (feedOnly) this.queued.inc({ kind, channel: 'feed' }, feedOnly);
  }

  webhookAttempt(outcome: DeliveryOutcome, seconds: number | null): void {
    this.deliveries.inc({ outcome });
    if (seconds !== null) this.deliveryLatency.observe({ outcome }, seconds);
  }

  webhookDelivered(secondsSinceCreated: number): void {
    this.eventToDelivery.observe(Math.max(0, secondsSinceCreated));
  }
}
