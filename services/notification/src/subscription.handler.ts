import { acceptRpcRequest } from '@gazette-watch/messaging';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { NotificationRepository } from './notification.repository';
import { SubscriptionRepository } from './subscription.repository';
import {
  deliveryView,
  feedEntryView,
  ok,
  refused,
  subscriberView,
  subscriptionView,
  type Outcome,
} from './subscription.view';
import { AuthenticateSubscriber, CreateSubscriber } from './use-cases/create-subscriber.use-case';
import { CreateSubscription } from './use-cases/create-subscription.use-case';
import {
  RedeliverNotification,
  RotateWebhookSecret,
  UpdateSubscription,
} from './use-cases/update-subscription.use-case';

/** How far before the last notification a client saw a resumed stream looks (see `messagesSince`). */
const RESUME_GRACE_MS = 10_000;

/**
 * The subscription commands and queries the API gateway asks for (`rpc.notification.<name>`).
 * Requests are checked against the contracts here too: the gateway and this service may run
 * different versions. Refusals travel as `{ok: false, error}` replies, not as transport errors.
 */
@Controller()
export class SubscriptionHandler {
  constructor(
    private readonly subscriptions: SubscriptionRepository,
    private readonly notifications: NotificationRepository,
    private readonly createSubscriber: CreateSubscriber,
    private readonly authenticateSubscriber: AuthenticateSubscriber,
    private readonly createSubscription: CreateSubscription,
    private readonly updateSubscription: UpdateSubscription,
    private readonly rotateSecret: RotateWebhookSecret,
    private readonly redeliver: RedeliverNotification,
  ) {}

  @MessagePattern('subscriber.create')
  subscriberCreate(@Payload() data: unknown) {
    return this.createSubscriber.execute(acceptRpcRequest('subscriber.create', data));
  }

  @MessagePattern('subscriber.list')
  async subscriberList(@Payload() data: unknown) {
    const { principal, limit, offset } = acceptRpcRequest('subscriber.list', data);
    if (principal.role !== 'admin') return refused(403, 'only an admin can list subscribers');
    const page = await this.subscriptions.listSubscribers(limit, offset);
    return ok({ total: page.total, items: page.items.map(subscriberView) });
  }

  @MessagePattern('subscriber.authenticate')
  subscriberAuthenticate(@Payload() data: unknown) {
    return this.authenticateSubscriber.execute(acceptRpcRequest('subscriber.authenticate', data));
  }

  @MessagePattern('subscription.create')
  subscriptionCreate(@Payload() data: unknown) {
    return this.createSubscription.execute(acceptRpcRequest('subscription.create', data));
  }

  @MessagePattern('subscription.list')
  async subscriptionList(@Payload() data: unknown) {
    const { principal, limit, offset } = acceptRpcRequest('subscription.list', data);
    const page = await this.subscriptions.list(principal, limit, offset);
    return ok({ total: page.total, items: page.items.map(subscriptionView) });
  }

  @MessagePattern('subscription.get')
  async subscriptionGet(@Payload() data: unknown) {
    const { principal, subscription_id } = acceptRpcRequest('subscription.get', data);
    const row = await this.subscriptions.find(principal, subscription_id);
    return row ? ok(subscriptionView(row)) : notFound('subscription', subscription_id);
  }

  @MessagePattern('subscription.update')
  subscriptionUpdate(@Payload() data: unknown) {
    return this.updateSubscription.execute(acceptRpcRequest('subscription.update', data));
  }

  @MessagePattern('subscription.delete')
  async subscriptionDelete(@Payload() data: unknown) {
    const { principal, subscription_id } = acceptRpcRequest('subscription.delete', data);
    return (await this.subscriptions.delete(principal, subscription_id))
      ? ok({ deleted: true as const })
      : notFound('subscription', subscription_id);
  }

  @MessagePattern('subscription.rotate-secret')
  subscriptionRotateSecret(@Payload() data: unknown) {
    return this.rotateSecret.execute(acceptRpcRequest('subscription.rotate-secret', data));
  }

  @MessagePattern('delivery.list')
  async deliveryList(@Payload() data: unknown) {
    const { principal, subscription_id, status, limit, offset } = acceptRpcRequest('delivery.list', data);
    if (!(await this.subscriptions.find(principal, subscription_id))) return notFound('subscription', subscription_id);
    const page = await this.notifications.list(subscription_id, status, limit, offset);
    return ok({ total: page.total, items: page.items.map((row) => deliveryView(row)) });
  }

  @MessagePattern('delivery.get')
  async deliveryGet(@Payload() data: unknown) {
    const { principal, delivery_id } = acceptRpcRequest('delivery.get', data);
    const found = await this.notifications.find(principal, delivery_id);
    return found ? ok(deliveryView(found.notification, found.attempts)) : notFound('delivery', delivery_id);
  }

  @MessagePattern('delivery.redeliver')
  deliveryRedeliver(@Payload() data: unknown) {
    return this.redeliver.execute(acceptRpcRequest('delivery.redeliver', data));
  }

  @MessagePattern('subscription.notifications-since')
  async notificationsSince(@Payload() data: unknown) {
    const { principal, subscription_id, after, limit } = acceptRpcRequest('subscription.notifications-since', data);
    if (!(await this.subscriptions.find(principal, subscription_id))) return notFound('subscription', subscription_id);
    // One more than asked, to tell a client that is too far behind.
    const messages = await this.notifications.messagesSince(subscription_id, after, RESUME_GRACE_MS, limit + 1);
    if (messages === null) return ok({ known: false, messages: [], truncated: false });
    return ok({ known: true, messages: messages.slice(0, limit), truncated: messages.length > limit });
  }

  @MessagePattern('feed.entries')
  async feedEntries(@Payload() data: unknown) {
    const query = acceptRpcRequest('feed.entries', data);
    const now = new Date().toISOString();
    if ('subscription_id' in query) {
      const subscription = await this.subscriptions.find(query.principal, query.subscription_id);
      if (!subscription) return notFound('subscription', query.subscription_id);
      const rows = await this.notifications.subscriptionFeed(subscription.id, query.limit);
      const entries = rows.map(feedEntryView);
      return ok({ title: `Gazette Watch: ${subscription.name}`, updated_at: entries[0]?.updated_at ?? now, entries });
    }
    const rows = await this.notifications.regionFeed(query.kind, query.region, query.limit);
    const entries = rows.map(feedEntryView);
    const what = query.kind === 'appointment' ? 'appointments' : 'regulations';
    return ok({ title: `Gazette Watch: ${query.region} ${what}`, updated_at: entries[0]?.updated_at ?? now, entries });
  }
}

function notFound(what: string, id: string): Outcome<never> {
  return refused(404, `${what} ${id} does not exist`);
}
