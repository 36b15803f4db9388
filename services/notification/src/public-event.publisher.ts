import { makeEnvelope, SUBJECTS } from '@gazette-watch/contracts';
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
  async publish(fact: NotificationFact): Promise<void> {
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
    // A stream capturing the public hierarchy drops an accidental second announcement by this id.
    headers.set('Nats-Msg-Id', fact.eventId);
    const subject = this.namespace.subject(fact.subject);
    try {
      const nc = this.connection();
      nc.publish(subject, encoder.encode(JSON.stringify(envelope)), { headers });
      await withTimeout(nc.flush(), this.flushTimeoutMs, `no flush from NATS within ${this.flushTimeoutMs} ms`);
    } catch (error) {
      throw new TransientError(`publishing ${subject} failed: ${describeError(error)}`, { cause: error });
    }
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
