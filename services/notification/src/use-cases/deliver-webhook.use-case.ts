import { describeError } from '@gazette-watch/messaging';
import { nextRetryDelay, parseRetryAfter, webhookHeaders } from '@gazette-watch/subscriptions';
import { Logger } from '@nestjs/common';
import type { ClaimedDelivery, NotificationRepository } from '../notification.repository';
import type { DeliveryOutcome, NotificationMetrics } from '../notification.metrics';
import type { SubscriptionRepository } from '../subscription.repository';
import { WebhookAddressRefusedError, type WebhookEndpointRepository } from '../webhook-endpoint.repository';

export interface WebhookPolicy {
  /** Delay before each attempt of a schedule (the first is normally 0). */
  schedule: readonly number[];
  jitter: number;
  timeoutMs: number;
  maxRetryAfterMs: number;
  /** A run of failures longer than this disables the endpoint. */
  disableAfterMs: number;
  random?: () => number;
  now?: () => Date;
}

/**
 * One attempt of one claimed delivery: sign, POST, log the attempt, and decide: delivered, due
 * again later (jittered schedule, or the receiver's Retry-After when longer), failed for good
 * (schedule exhausted), or the endpoint disabled (410 Gone, or failing for too long).
 */
export class DeliverWebhook {
  private readonly logger = new Logger('DeliverWebhook');

  constructor(
    private readonly notifications: NotificationRepository,
    private readonly subscriptions: SubscriptionRepository,
    private readonly endpoints: WebhookEndpointRepository,
    private readonly metrics: NotificationMetrics,
    private readonly policy: WebhookPolicy,
  ) {}

  async execute(delivery: ClaimedDelivery): Promise<DeliveryOutcome> {
    const now = this.policy.now ?? (() => new Date());
    if (!delivery.webhook_url || delivery.webhook_status !== 'active' || !delivery.secret) {
      const reason = delivery.webhook_url
        ? `endpoint disabled: ${delivery.webhook_disabled_reason ?? 'no reason recorded'}`
        : 'the subscription no longer has a webhook';
      await this.notifications.abandon(delivery, reason);
      this.metrics.webhookAttempt('abandoned', null);
      return 'abandoned';
    }
    const startedAt = now();
    const body = JSON.stringify(delivery.message);
    const secrets = [delivery.secret];
    if (delivery.previous_secret && delivery.previous_secret_until && delivery.previous_secret_until > startedAt) {
      secrets.push(delivery.previous_secret);
    }
    const headers = webhookHeaders({
      id: delivery.id,
      timestamp: Math.floor(startedAt.getTime() / 1000),
      body,
      secrets,
    });
    const attempt = delivery.attempts + 1;
    let statusCode: number | null = null;
    let retryAfter: string | null = null;
    let error: string | null = null;
    let refused = false;
    try {
      const response = await this.endpoints.post({
        url: delivery.webhook_url,
        headers,
        body,
        timeoutMs: this.policy.timeoutMs,
      });
      statusCode = response.statusCode;
      retryAfter = response.retryAfter;
      if (statusCode < 200 || statusCode > 299) error = `the endpoint answered ${statusCode}`;
    } catch (failure) {
      refused = failure instanceof WebhookAddressRefusedError;
      error = describeError(failure);
      if (failure instanceof WebhookAddressRefusedError) this.logger.warn(`webhook ${delivery.id}: ${failure.detail}`);
    }
    const finishedAt = now();
    const latencyMs = Math.max(0, finishedAt.getTime() - startedAt.getTime());
    const outcome = { attempt, startedAt, statusCode, latencyMs, error };

    let result: DeliveryOutcome;
    if (error === null) {
      if (!(await this.notifications.settle(delivery, outcome, { status: 'succeeded' })))
        return this.overtaken(delivery);
      if (delivery.webhook_failing_since) await this.subscriptions.markWebhookSucceeded(delivery.subscription_id);
      this.metrics.webhookDelivered((finishedAt.getTime() - new Date(delivery.created_at).getTime()) / 1000);
      result = 'succeeded';
    } else if (statusCode === 410) {
      if (!(await this.notifications.settle(delivery, outcome, { status: 'failed' }))) return this.overtaken(delivery);
      await this.subscriptions.markWebhookFailed(
        delivery.subscription_id,
        this.policy.disableAfterMs,
        `the endpoint answered 410 Gone at ${finishedAt.toISOString()}`,
      );
      result = 'gone';
    } else {
      const delay = nextRetryDelay({
        attemptsMade: delivery.cycle_attempts + 1,
        schedule: this.policy.schedule,
        jitter: this.policy.jitter,
        random: this.policy.random,
        retryAfterMs: parseRetryAfter(retryAfter, finishedAt),
        maxRetryAfterMs: this.policy.maxRetryAfterMs,
      });
      const next =
        delay === null
          ? ({ status: 'failed' } as const)
          : ({ status: 'pending', retryAt: new Date(finishedAt.getTime() + delay) } as const);
      if (!(await this.notifications.settle(delivery, outcome, next))) return this.overtaken(delivery);
      if (next.status === 'pending') await this.notifications.holdEndpoint(delivery.subscription_id, next.retryAt);
      const disabled = await this.subscriptions.markWebhookFailed(
        delivery.subscription_id,
        this.policy.disableAfterMs,
        null,
      );
      if (disabled) this.logger.warn(`webhook of subscription ${delivery.subscription_id} disabled: ${disabled}`);
      result = refused ? 'refused' : delay === null ? 'failed' : 'retrying';
    }
    this.metrics.webhookAttempt(result, latencyMs / 1000);
    this.logger.log(
      `webhook ${delivery.id} (${delivery.fact_id}) attempt ${attempt} to ${new URL(delivery.webhook_url).host}: ` +
        `${result}${statusCode !== null ? ` (${statusCode})` : ''}${error && statusCode === null ? `: ${error}` : ''} in ${latencyMs} ms`,
    );
    return result;
  }

  /** The attempt outlived its lease and another dispatcher took the delivery over: its outcome is dropped. */
  private overtaken(delivery: ClaimedDelivery): DeliveryOutcome {
    this.logger.warn(`webhook ${delivery.id}: the lease ran out during the attempt; another dispatcher has it now`);
    this.metrics.webhookAttempt('abandoned', null);
    return 'abandoned';
  }
}
