import type { NotificationMessage } from '@gazette-watch/contracts';
import type { FactPayload } from '@gazette-watch/subscriptions';
import type { FactChange } from './notification-event.repository';

/** Which fact a notification is about. */
export interface FactReference {
  factId: string;
  gazetteId: string;
  documentId: string;
  region: string | null;
  correlationId: string;
}

export interface NotificationAddress {
  notificationId: string;
  subscriptionId: string;
  /** `updated` when the subscription was notified of an earlier revision, whatever `change` says. */
  action: FactChange['action'];
  revision: number;
}

/**
 * The body every channel carries for one notification (Standard Webhooks' `{type, timestamp,
 * data}`). It is stored with the notification, so each attempt sends, and signs, the same bytes.
 */
export function notificationMessageOf(
  reference: FactReference,
  fact: FactPayload,
  address: NotificationAddress,
  now: Date,
): NotificationMessage {
  const data = {
    notification_id: address.notificationId,
    subscription_id: address.subscriptionId,
    fact_id: reference.factId,
    revision: address.revision,
    action: address.action,
    gazette_id: reference.gazetteId,
    document_id: reference.documentId,
    region: reference.region,
    correlation_id: reference.correlationId,
  };
  const timestamp = now.toISOString();
  if (fact.kind === 'appointment') {
    return {
      type: address.action === 'created' ? 'appointment.created' : 'appointment.updated',
      timestamp,
      data: { ...data, kind: 'appointment', fact: fact.payload },
    };
  }
  return {
    type: address.action === 'created' ? 'regulation.created' : 'regulation.updated',
    timestamp,
    data: { ...data, kind: 'regulation', fact: fact.payload },
  };
}
