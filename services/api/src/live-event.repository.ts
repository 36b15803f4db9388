import {
  notificationMessageSchema,
  notifySubject,
  parseEnvelope,
  PUBLIC_SUBJECT_ROOT,
  SUBJECTS,
  type AppointmentRecordedPayload,
  type EventEnvelope,
  type NotificationMessage,
  type RegulationPublishedPayload,
} from '@gazette-watch/contracts';
import { describeError, type Namespace } from '@gazette-watch/messaging';
import type { Msg, NatsConnection, Subscription } from 'nats';
import { ServiceUnavailableError } from './service-query.error';

/** A fact as the notification service announces it on the public hierarchy. */
export type PublicFact =
  | { kind: 'appointment'; envelope: EventEnvelope<AppointmentRecordedPayload> }
  | { kind: 'regulation'; envelope: EventEnvelope<RegulationPublishedPayload> };

/** A live relay from NATS; `close` unsubscribes and may be called more than once. */
export interface LiveSubscription {
  close(): void;
}

export interface LiveEventHandlers<T> {
  /** Each message that fits its contract. */
  deliver(message: T): void;
  /** The subscription ended from NATS's side (connection closed or drained). */
  ended(): void;
}

/** Told about a message dropped for not fitting its contract, so it shows in the logs. */
export type RejectedMessageReporter = (subject: string, reason: string) => void;

/**
 * The gateway's live view of NATS: the per-subscription subject `notify.<id>` and the public
 * hierarchy `events.>`, both core NATS (no history: a client sees what is published while it listens).
 * Every message is checked against its contract; one that does not fit is reported and dropped
 * rather than passed to a browser.
 */
export class LiveEventRepository {
  constructor(
    private readonly connection: () => NatsConnection,
    private readonly namespace: Namespace,
    private readonly rejected: RejectedMessageReporter = () => undefined,
  ) {}

  /** Notifications of one subscription. Resolves once the server has the subscription. */
  notifications(subscriptionId: string, handlers: LiveEventHandlers<NotificationMessage>): Promise<LiveSubscription> {
    return this.subscribe(this.namespace.subject(notifySubject(subscriptionId)), handlers, (msg) => {
      const result = notificationMessageSchema.safeParse(msg.json());
      if (!result.success) throw new Error(result.error.issues.map((issue) => issue.message).join('; '));
      return result.data;
    });
  }

  /** Every fact on the public hierarchy. Resolves once the server has the subscription. */
  publicFacts(handlers: LiveEventHandlers<PublicFact>): Promise<LiveSubscription> {
    return this.subscribe(this.namespace.subject(`${PUBLIC_SUBJECT_ROOT}.>`), handlers, (msg) => {
      const data = msg.json<{ type?: unknown }>();
      if (data?.type === SUBJECTS.appointmentRecorded) {
        return { kind: 'appointment', envelope: parseEnvelope(SUBJECTS.appointmentRecorded, data) };
      }
      if (data?.type === SUBJECTS.regulationPublished) {
        return { kind: 'regulation', envelope: parseEnvelope(SUBJECTS.regulationPublished, data) };
      }
      throw new Error(`unexpected event type ${JSON.stringify(data?.type)}`);
    });
  }

  private async subscribe<T>(
    subject: string,
    handlers: LiveEventHandlers<T>,
    decode: (msg: Msg) => T,
  ): Promise<LiveSubscription> {
    let nc: NatsConnection;
    try {
      nc = this.connection();
    } catch (error) {
      throw new ServiceUnavailableError(`no live events: NATS is not connected (${describeError(error)})`, {
        cause: error,
      });
    }
    let subscription: Subscription | undefined;
    try {
      subscription = nc.subscribe(subject, {
        callback: (error, msg) => {
          if (error) return;
          let message: T;
          try {
            message = decode(msg);
          } catch (problem) {
            this.rejected(msg.subject, describeError(problem));
            return;
          }
          handlers.deliver(message);
        },
      });
      // Once the server has seen the SUB, nothing published afterwards can be missed.
      await nc.flush();
    } catch (error) {
      subscription?.unsubscribe();
      throw new ServiceUnavailableError(`no live events on ${subject}: ${describeError(error)}`, { cause: error });
    }
    const live = subscription;
    void live.closed.then(
      () => handlers.ended(),
      () => handlers.ended(),
    );
    return {
      close: () => {
        if (!live.isClosed()) live.unsubscribe();
      },
    };
  }
}
