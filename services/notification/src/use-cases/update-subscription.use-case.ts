import type { RpcRequest, RpcResult } from '@gazette-watch/contracts';
import { generateWebhookSecret } from '@gazette-watch/subscriptions';
import type { NotificationRepository } from '../notification.repository';
import type { SubscriptionRepository } from '../subscription.repository';
import { deliveryView, ok, refused, subscriptionView, type Outcome } from '../subscription.view';
import type { WebhookEndpointRepository } from '../webhook-endpoint.repository';

type ResultOf<N extends 'subscription.update' | 'subscription.rotate-secret' | 'delivery.redeliver'> = RpcResult<N>;

/** Renames, refilters, sets or removes the webhook, or re-enables a disabled one. */
export class UpdateSubscription {
  constructor(
    private readonly subscriptions: SubscriptionRepository,
    private readonly endpoints: WebhookEndpointRepository,
  ) {}

  async execute(request: RpcRequest<'subscription.update'>): Promise<Outcome<ResultOf<'subscription.update'>>> {
    const current = await this.subscriptions.find(request.principal, request.subscription_id);
    if (!current) return refused(404, `subscription ${request.subscription_id} does not exist`);
    if (request.webhook) {
      const refusal = this.endpoints.checkUrl(request.webhook.url);
      if (refusal) return refused(400, `webhook.url: ${refusal}`);
    }
    if (request.enable_webhook && (request.webhook === null || (!current.webhook_url && !request.webhook))) {
      return refused(409, 'the subscription has no webhook to enable');
    }
    const row = await this.subscriptions.update(request.principal, request.subscription_id, {
      name: request.name,
      filter: request.filter,
      webhook:
        request.webhook === undefined
          ? undefined
          : request.webhook === null
            ? null
            : // Subscriptions keep the secret made at their creation; a row without one gets one here.
              { url: request.webhook.url, secret: current.secret ? null : generateWebhookSecret() },
      // Setting a URL starts the webhook afresh anyway.
      enableWebhook: request.webhook ? undefined : request.enable_webhook,
    });
    if (!row) return refused(404, `subscription ${request.subscription_id} does not exist`);
    return ok(subscriptionView(row));
  }
}

/** A new signing secret; the previous one keeps signing for the overlap so receivers can switch. */
export class RotateWebhookSecret {
  constructor(
    private readonly subscriptions: SubscriptionRepository,
    private readonly overlapMs: number,
  ) {}

  async execute(
    request: RpcRequest<'subscription.rotate-secret'>,
  ): Promise<Outcome<ResultOf<'subscription.rotate-secret'>>> {
    const secret = generateWebhookSecret();
    const until = new Date(Date.now() + this.overlapMs);
    const row = await this.subscriptions.rotateSecret(request.principal, request.subscription_id, secret, until);
    // Every subscription has a secret from its creation, so one without a webhook (yet) can rotate too.
    if (row) return ok({ secret, previous_valid_until: row.previous_secret ? until.toISOString() : null });
    return refused(404, `subscription ${request.subscription_id} does not exist`);
  }
}

/** Sends a delivery again now, with a fresh schedule (after a receiver was mended, say). */
export class RedeliverNotification {
  constructor(
    private readonly notifications: NotificationRepository,
    private readonly onQueued: () => void,
  ) {}

  async execute(request: RpcRequest<'delivery.redeliver'>): Promise<Outcome<ResultOf<'delivery.redeliver'>>> {
    const found = await this.notifications.find(request.principal, request.delivery_id);
    if (!found) return refused(404, `delivery ${request.delivery_id} does not exist`);
    if (!(await this.notifications.requeue(request.delivery_id))) {
      return found.notification.status === 'delivering'
        ? refused(409, 'the delivery is being attempted right now')
        : refused(409, 'the subscription has no active webhook: set one, or re-enable it (enable_webhook), first');
    }
    this.onQueued();
    const requeued = await this.notifications.find(request.principal, request.delivery_id);
    return requeued
      ? ok(deliveryView(requeued.notification, requeued.attempts))
      : refused(404, 'the delivery was removed');
  }
}
