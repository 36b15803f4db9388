import {
  appointmentRecordedPayloadSchema,
  notifySubject,
  regulationPublishedPayloadSchema,
  type CommandError,
  type Delivery,
  type FeedEntry,
  type Subscriber,
  type Subscription,
} from '@gazette-watch/contracts';
import { factTitle, factSummary, type FactPayload } from '@gazette-watch/subscriptions';
import type { DeliveryAttemptRow, FeedFactRow, NotificationRow } from './notification.repository';
import type { SubscriberRow, SubscriptionRow } from './subscription.repository';

/** Rows as the contracts show them: no secret ever leaves through these. */

export type Outcome<T> = { ok: true; result: T } | { ok: false; error: CommandError };

export function ok<T>(result: T): Outcome<T> {
  return { ok: true, result };
}

export function refused<T>(status: CommandError['status'], message: string): Outcome<T> {
  return { ok: false, error: { status, message } };
}

const iso = (value: Date | string): string => new Date(value).toISOString();
const isoOrNull = (value: Date | string | null): string | null => (value === null ? null : iso(value));

export function subscriberView(row: SubscriberRow): Subscriber {
  return { id: row.id, name: row.name, created_at: iso(row.created_at) };
}

export function subscriptionView(row: SubscriptionRow): Subscription {
  return {
    id: row.id,
    subscriber_id: row.subscriber_id,
    name: row.name,
    filter: row.filter,
    webhook:
      row.webhook_url && row.webhook_status
        ? {
            url: row.webhook_url,
            status: row.webhook_status,
            disabled_reason: row.webhook_disabled_reason,
            disabled_at: isoOrNull(row.webhook_disabled_at),
            failing_since: isoOrNull(row.webhook_failing_since),
          }
        : null,
    nats_subject: notifySubject(row.id),
    backfill_since: row.backfill_since,
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
  };
}

export function deliveryView(row: NotificationRow, attempts?: readonly DeliveryAttemptRow[]): Delivery {
  return {
    id: row.id,
    subscription_id: row.subscription_id,
    fact_id: row.fact_id,
    kind: row.kind,
    revision: row.revision,
    action: row.action,
    status: row.status,
    attempts: row.attempts,
    next_attempt_at: isoOrNull(row.next_attempt_at),
    last_status_code: row.last_status_code,
    last_error: row.last_error,
    created_at: iso(row.created_at),
    delivered_at: isoOrNull(row.delivered_at),
    ...(attempts
      ? {
          attempt_log: attempts.map((attempt) => ({
            attempt: attempt.attempt,
            started_at: iso(attempt.started_at),
            status_code: attempt.status_code,
            latency_ms: attempt.latency_ms,
            error: attempt.error,
          })),
        }
      : {}),
  };
}

/**
 * A stored fact's payload for the subscription rules; the kind column says which payload it is.
 * Parsed again so rows stored before a field was added get its default.
 */
export function storedFactPayload(row: Pick<FeedFactRow, 'kind' | 'payload'>): FactPayload {
  return row.kind === 'appointment'
    ? { kind: 'appointment', payload: appointmentRecordedPayloadSchema.parse(row.payload) }
    : { kind: 'regulation', payload: regulationPublishedPayloadSchema.parse(row.payload) };
}

export function feedEntryView(row: FeedFactRow): FeedEntry {
  const fact = storedFactPayload(row);
  return {
    fact_id: row.event_id,
    kind: row.kind,
    revision: row.revision,
    title: factTitle(fact),
    summary: factSummary(fact),
    document_id: row.document_id,
    gazette_id: row.gazette_id,
    region: row.region,
    published_at: iso(row.received_at),
    updated_at: iso(row.updated_at),
    fact: row.payload,
  };
}
