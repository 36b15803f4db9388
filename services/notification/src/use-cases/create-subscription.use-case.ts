import type { RpcRequest, RpcResult } from '@gazette-watch/contracts';
import { compileFilter, factViewOf, generateWebhookSecret } from '@gazette-watch/subscriptions';
import { describeError } from '@gazette-watch/messaging';
import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { notificationMessageOf } from '../notification-message.mapper';
import { initialDelivery } from './record-notification.use-case';
import type { NewNotification, NotificationRepository } from '../notification.repository';
import type { PublicEventPublisher } from '../public-event.publisher';
import type { SubscriptionRepository, SubscriptionRow } from '../subscription.repository';
import { ok, refused, storedFactPayload, subscriptionView, type Outcome } from '../subscription.view';
import type { WebhookEndpointRepository } from '../webhook-endpoint.repository';

type Result = RpcResult<'subscription.create'>;

/** Facts read per page during a backfill. */
const BACKFILL_PAGE = 500;

/**
 * Creates a subscription with its signing secret (shown once; the NATS and feed channels need
 * none, but a webhook added later then signs with a secret the subscriber already has), and
 * backfills the known facts it matches since the date asked for.
 */
export class CreateSubscription {
  private readonly logger = new Logger('CreateSubscription');

  constructor(
    private readonly subscriptions: SubscriptionRepository,
    private readonly notifications: NotificationRepository,
    private readonly endpoints: WebhookEndpointRepository,
    private readonly publisher: PublicEventPublisher,
    private readonly onQueued: () => void,
  ) {}

  async execute(request: RpcRequest<'subscription.create'>): Promise<Outcome<Result>> {
    const { principal } = request;
    let subscriberId: string;
    if (principal.role === 'admin') {
      if (!request.subscriber_id) return refused(400, 'subscriber_id: an admin creates subscriptions for a subscriber');
      subscriberId = request.subscriber_id;
    } else {
      if (request.subscriber_id && request.subscriber_id !== principal.subscriber_id) {
        return refused(403, 'a subscriber can only create their own subscriptions');
      }
      subscriberId = principal.subscriber_id;
    }
    if (!(await this.subscriptions.subscriberExists(subscriberId))) {
      return refused(404, `subscriber ${subscriberId} does not exist`);
    }
    if (request.webhook) {
      const refusal = this.endpoints.checkUrl(request.webhook.url);
      if (refusal) return refused(400, `webhook.url: ${refusal}`);
    }
    const secret = generateWebhookSecret();
    const row = await this.subscriptions.insert({
      id: randomUUID(),
      subscriberId,
      name: request.name,
      filter: request.filter,
      webhookUrl: request.webhook?.url ?? null,
      secret,
      backfillSince: request.backfill_since ?? null,
    });
    const backfilled = request.backfill_since ? await this.backfill(row, request.backfill_since) : 0;
    return ok({ subscription: subscriptionView(row), secret, backfilled });
  }

  /** One flush per page; best effort, as the notifications are stored (see RecordNotification). */
  private async sendLive(notifications: readonly NewNotification[]): Promise<void> {
    try {
      await this.publisher.notifySubscribers(notifications.map((notification) => notification.message));
    } catch (error) {
      this.logger.warn(`live notifications of a backfill not sent: ${describeError(error)}`);
    }
  }

  /**
   * Notifies the stored facts received since `since` that the filter matches, at their current
   * revision, as the live path would have. A fact recorded meanwhile by the live path finds the
   * same (subscription, fact, revision) key, so it is notified once either way.
   */
  private async backfill(subscription: SubscriptionRow, since: string): Promise<number> {
    const matches = compileFilter(subscription.filter);
    let after: string | null = null;
    let total = 0;
    for (;;) {
      const page = await this.notifications.factsSince(since, after, BACKFILL_PAGE);
      if (page.length === 0) break;
      after = page[page.length - 1].event_id;
      const now = new Date();
      const candidates = page.flatMap((row): NewNotification[] => {
        const fact = storedFactPayload(row);
        if (!matches(factViewOf(fact))) return [];
        const id = randomUUID();
        const reference = {
          factId: row.event_id,
          gazetteId: row.gazette_id,
          documentId: row.document_id,
          region: row.region,
          correlationId: row.correlation_id,
        };
        const address = {
          notificationId: id,
          subscriptionId: subscription.id,
          action: 'created' as const,
          revision: row.revision,
        };
        return [
          {
            id,
            subscription_id: subscription.id,
            fact_id: row.event_id,
            revision: row.revision,
            action: 'created',
            kind: row.kind,
            message: notificationMessageOf(reference, fact, address, now),
            correlation_id: row.correlation_id,
            ...initialDelivery(subscription),
          },
        ];
      });
      const inserted = await this.notifications.insertNew(candidates);
      total += inserted.length;
      await this.sendLive(inserted);
      if (page.length < BACKFILL_PAGE) break;
    }
    if (total > 0 && subscription.webhook_status === 'active') this.onQueued();
    return total;
  }
}
