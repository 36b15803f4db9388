import { makeEnvelope, notifySubject, SUBJECTS, type NotificationMessage } from '@gazette-watch/contracts';
import {
  CORRELATION_ID_HEADER,
  EVENT_TYPE_HEADER,
  Namespace,
  TransientError,
  describeError,
} from '@gazette-watch/messaging';
import { headers as createHeaders, type NatsConnection } from 'nats';
import type { NotificationFact } from './notification-fact.mapper';

const encoder = new TextEncoder();

/**
 * The public core-NATS hierarchy (`events.appointment.<region>`, `events.regulation.<region>.<kind>`)
 * that outside clients subscribe to. It rides on the connection of the service's JetStream server,
 * which exists only while the server listens; handlers run only then.
 */
export class PublicEventPublisher {
  constructor(
    private readonly connection: () => NatsConnection,
    private readonly namespace: Namespace,
    private readonly producer: string,
    private readonly flushTimeoutMs: number,
  ) {}

  /**
   * Publishes the fact as a version-current envelope and resolves once the server has processed it.
   * Core NATS has no acknowledgement; a flush (PING/PONG) returning means the server routed every
   * message sent before it, which is the strongest guarantee core NATS gives.
   */
  async publish(fact: NotificationFact, revision = 1): Promise<void> {
    const options = {
      id: fact.eventId,
      correlationId: fact.correlationId,
      producer: this.producer,
      occurredAt: fact.occurredAt,
    };
    // Checked like any outgoing event, so a mapping bug fails here rather than in every client.
    const envelope =
      fact.type === SUBJECTS.appointmentRecorded
        ? makeEnvelope(fact.type, fact.payload, options)
        : makeEnvelope(fact.type, fact.payload, options);
    const headers = createHeaders();
    headers.set(CORRELATION_ID_HEADER, fact.correlationId);
    headers.set(EVENT_TYPE_HEADER, fact.type);
    // A stream capturing the public hierarchy drops an accidental second announcement by this id;
    // a changed fact is a new announcement.
    headers.set('Nats-Msg-Id', revision === 1 ? fact.eventId : `${fact.eventId}#${revision}`);
    const subject = this.namespace.subject(fact.subject);
    try {
      const nc = this.connection();
      nc.publish(subject, encoder.encode(JSON.stringify(envelope)), { headers });
      await this.flush(nc);
    } catch (error) {
      throw new TransientError(`publishing ${subject} failed: ${describeError(error)}`, { cause: error });
    }
  }

  /**
   * Sends each notification on its subscription's live subject (`notify.<subscription-id>`), for
   * clients on the bus and the gateway's event streams, once the notifications are stored.
   */
  async notifySubscribers(messages: readonly NotificationMessage[]): Promise<void> {
    if (messages.length === 0) return;
    try {
      const nc = this.connection();
      for (const message of messages) {
        const headers = createHeaders();
        headers.set(CORRELATION_ID_HEADER, message.data.correlation_id);
        headers.set(EVENT_TYPE_HEADER, message.type);
        nc.publish(
          this.namespace.subject(notifySubject(message.data.subscription_id)),
          encoder.encode(JSON.stringify(message)),
          {
            headers,
          },
        );
      }
      await this.flush(nc);
    } catch (error) {
      throw new TransientError(`publishing ${messages.length} notifications failed: ${describeError(error)}`, {
        cause: error,
      });
    }
  }

  private flush(nc: NatsConnection): Promise<void> {
    return withTimeout(nc.flush(), this.flushTimeoutMs, `no flush from NATS within ${this.flushTimeoutMs} ms`);
  }
}

async function withTimeout<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(message)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
