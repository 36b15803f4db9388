import { MessagingError, TransientError, describeError } from '@gazette-watch/messaging';
import { Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { factDigest, factViewOf } from '@gazette-watch/subscriptions';
import { randomUUID } from 'node:crypto';
import type { NotificationEventRepository, FactChange } from '../notification-event.repository';
import { factPayloadOf, type NotificationFact } from '../notification-fact.mapper';
import { notificationMessageOf } from '../notification-message.mapper';
import type { NewNotification, NotificationRepository } from '../notification.repository';
import type { PublicEventPublisher } from '../public-event.publisher';
import type { SubscriptionMatcher } from '../subscription.matcher';
import type { SubscriptionFilterRow, SubscriptionRepository } from '../subscription.repository';

export interface RecordNotificationResult {
  /** Null when the fact was already recorded as it is (a redelivery, a republish, an unchanged replay). */
  change: FactChange | null;
  /** Notifications created for subscriptions. */
  notifications: NewNotification[];
}

/**
 * Records a fact that is new or changed, announces it on the public hierarchy and creates one
 * notification per matching subscription (the outbox the webhook dispatcher works from), all in the
 * fact's transaction: either everything is recorded or the message is redelivered and tried again.
 * Once committed, each notification goes out on its live subject. A fact recorded as it is changes
 * nothing and sends nothing.
 */
export class RecordNotification {
  private readonly logger = new Logger('RecordNotification');
  private filters: { version: string; rows: SubscriptionFilterRow[] } | null = null;

  constructor(
    private readonly events: NotificationEventRepository,
    private readonly subscriptions: SubscriptionRepository,
    private readonly notifications: NotificationRepository,
    private readonly matcher: SubscriptionMatcher,
    private readonly publisher: PublicEventPublisher,
    private readonly onQueued: () => void,
  ) {}

  /**
   * Every subscription's filter, read again only when a subscription changed: every fact is matched
   * against all of them, and the version is one small query where the rows are many.
   */
  private async currentFilters(manager: EntityManager): Promise<SubscriptionFilterRow[]> {
    const version = await this.subscriptions.filtersVersion(manager);
    if (this.filters?.version !== version) {
      this.filters = { version, rows: await this.subscriptions.filters(manager) };
    }
    return this.filters.rows;
  }

  /**
   * After the commit, so a live message always names a stored notification. Best effort: a client
   * that missed it finds it in the outbox (a resumed stream, the feed, the delivery log).
   */
  private async sendLive(notifications: readonly NewNotification[]): Promise<void> {
    try {
      await this.publisher.notifySubscribers(notifications.map((notification) => notification.message));
    } catch (error) {
      this.logger.warn(`live notifications not sent: ${describeError(error)}`);
    }
  }

  async execute(fact: NotificationFact): Promise<RecordNotificationResult> {
    let created: NewNotification[] = [];
    try {
      const payload = factPayloadOf(fact);
      const view = factViewOf(payload);
      const reference = {
        factId: fact.eventId,
        gazetteId: fact.gazetteId,
        documentId: fact.documentId,
        region: fact.region,
        correlationId: fact.correlationId,
      };
      const change = await this.events.recordChange(fact, factDigest(fact.payload), async (change, manager) => {
        const matching = this.matcher.matching(await this.currentFilters(manager), view);
        const earlier =
          matching.length > 0 ? await this.notifications.subscriptionsNotifiedOf(manager, fact.eventId) : new Set();
        const now = new Date();
        const candidates = matching.map((subscription): NewNotification => {
          const id = randomUUID();
          // Per subscriber: a fact they first see at its second revision is new to them.
          const action = earlier.has(subscription.id) ? 'updated' : 'created';
          return {
            id,
            subscription_id: subscription.id,
            fact_id: fact.eventId,
            revision: change.revision,
            action,
            kind: fact.kind,
            message: notificationMessageOf(
              reference,
              payload,
              { notificationId: id, subscriptionId: subscription.id, action, revision: change.revision },
              now,
            ),
            correlation_id: fact.correlationId,
            ...initialDelivery(subscription),
          };
        });
        created = await this.notifications.insertNew(candidates, manager);
        await this.publisher.publish(fact, change.revision);
      });
      if (created.some((notification) => notification.status === 'pending')) this.onQueued();
      await this.sendLive(created);
      return { change, notifications: created };
    } catch (error) {
      if (error instanceof MessagingError) throw error;
      // The input was validated before it got here, so what is left is the database being away.
      throw new TransientError(`recording ${fact.eventId} failed: ${describeError(error)}`, { cause: error });
    }
  }
}

/** Where a new notification's webhook delivery starts, from the state of the subscription's webhook. */
export function initialDelivery(
  subscription: Pick<SubscriptionFilterRow, 'webhook_status' | 'webhook_disabled_reason'>,
): Pick<NewNotification, 'status' | 'last_error'> {
  if (subscription.webhook_status === 'active') return { status: 'pending' };
  if (subscription.webhook_status === 'disabled') {
    return {
      status: 'failed',
      last_error: `endpoint disabled: ${subscription.webhook_disabled_reason ?? 'no reason recorded'}`,
    };
  }
  return { status: 'none' };
}
