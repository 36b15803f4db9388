import type { NotificationMessage } from '@gazette-watch/contracts';
import { factTitle, type FactPayload } from '@gazette-watch/subscriptions';
import type { PublicFact } from './live-event.repository';
import type { ServerSentEvent } from './server-sent-event.writer';

/** A subscription's notification as an event: the same body its webhook receives. */
export function notificationEvent(message: NotificationMessage): ServerSentEvent {
  return { id: message.data.notification_id, event: message.type, data: message };
}

/** The fact the public hierarchy carries, in the form filters and summaries read. */
export function factPayloadOf(fact: PublicFact): FactPayload {
  return fact.kind === 'appointment'
    ? { kind: 'appointment', payload: fact.envelope.payload }
    : { kind: 'regulation', payload: fact.envelope.payload };
}

/** A public fact as an event named by its kind (`appointment`, `regulation`). */
export function publicFactEvent(fact: PublicFact): ServerSentEvent {
  const { envelope } = fact;
  return {
    id: envelope.id,
    event: fact.kind,
    data: {
      type: envelope.type,
      fact_id: envelope.id,
      region: envelope.payload.region,
      title: factTitle(factPayloadOf(fact)),
      fact: envelope.payload,
    },
  };
}
