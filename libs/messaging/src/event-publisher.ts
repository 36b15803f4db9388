import { ErrorCode, JetStreamClient, MsgHdrs, NatsError, headers as createHeaders } from 'nats';
import { CORRELATION_ID_HEADER, EVENT_TYPE_HEADER, EnvelopeLike } from './envelope';
import { TransientError } from './errors';
import { Namespace } from './namespace';
import { backoffDelay, sleep } from './retry-backoff';

export interface PublishResult {
  readonly stream: string;
  readonly seq: number;
  /** True when the server already held a message with this id inside the duplicate window. */
  readonly duplicate: boolean;
}

export interface EventPublisherOptions {
  /** Attempts per message, the first included. */
  maxAttempts?: number;
  retryBaseDelayMs?: number;
  retryMaxDelayMs?: number;
  /** How long to wait for each PubAck. */
  ackTimeoutMs?: number;
}

export interface PublishMessageOptions {
  /** `Nats-Msg-Id`: the server drops a second message with the same id inside the window. */
  msgId: string;
  correlationId?: string;
  eventType?: string;
}

export interface OutgoingEvent<E extends EnvelopeLike = EnvelopeLike> {
  /** Logical subject; the namespace adds its prefix. */
  readonly subject: string;
  readonly envelope: E;
}

const DEFAULTS: Required<EventPublisherOptions> = {
  maxAttempts: 4,
  retryBaseDelayMs: 100,
  retryMaxDelayMs: 2_000,
  ackTimeoutMs: 5_000,
};

/**
 * Failures worth retrying: no PubAck in time, no stream listening yet (503: the stream is being
 * provisioned or the JetStream leader is moving), a dropped connection, or a server-side 5xx.
 * A 4xx API answer (e.g. a failed `expect`) is deterministic, so retrying it only adds latency.
 */
function isRetryable(error: unknown): boolean {
  if (!(error instanceof NatsError)) {
    return false;
  }
  if (error.api_error) {
    return error.api_error.code >= 500;
  }
  return [ErrorCode.Timeout, ErrorCode.NoResponders, ErrorCode.Disconnect, ErrorCode.RequestError].includes(
    error.code as ErrorCode,
  );
}

/** The connection is gone for good: retrying in-process is pointless, but redelivery will work. */
function isConnectionGone(error: unknown): boolean {
  return (
    error instanceof NatsError &&
    [ErrorCode.ConnectionClosed, ErrorCode.ConnectionDraining].includes(error.code as ErrorCode)
  );
}

/**
 * Publishes events to JetStream and resolves only once the server has stored them (PubAck), so a
 * handler that awaits it can safely ack its input afterwards.
 */
export class EventPublisher {
  private readonly options: Required<EventPublisherOptions>;

  constructor(
    private readonly js: JetStreamClient,
    private readonly ns: Namespace = new Namespace(),
    options: EventPublisherOptions = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  /** Publishes one envelope; its deterministic `id` is the message id, so a republish is dropped. */
  publish(logicalSubject: string, envelope: EnvelopeLike): Promise<PublishResult> {
    return this.publishMessage(logicalSubject, envelope, {
      msgId: envelope.id,
      correlationId: envelope.correlation_id,
      eventType: envelope.type,
    });
  }

  /** Publishes in order, each after the previous PubAck, so consumers see the same order. */
  async publishAll(events: readonly OutgoingEvent[]): Promise<PublishResult[]> {
    const results: PublishResult[] = [];
    for (const event of events) {
      results.push(await this.publish(event.subject, event.envelope));
    }
    return results;
  }

  /** Publishes any JSON body (dead-letter records, for instance) with the same guarantees. */
  async publishMessage(logicalSubject: string, body: unknown, options: PublishMessageOptions): Promise<PublishResult> {
    const subject = this.ns.subject(logicalSubject);
    const data = new TextEncoder().encode(JSON.stringify(body));
    let lastError: unknown;
    for (let attempt = 1; attempt <= this.options.maxAttempts; attempt++) {
      try {
        // Headers are rebuilt per attempt because the client mutates them (it adds Nats-Msg-Id).
        const ack = await this.js.publish(subject, data, {
          msgID: options.msgId,
          headers: this.headersFor(options),
          timeout: this.options.ackTimeoutMs,
        });
        return { stream: ack.stream, seq: ack.seq, duplicate: ack.duplicate };
      } catch (error) {
        lastError = error;
        if (isConnectionGone(error)) {
          break;
        }
        if (!isRetryable(error)) {
          throw error;
        }
        if (attempt < this.options.maxAttempts) {
          await sleep(
            backoffDelay(attempt, { baseMs: this.options.retryBaseDelayMs, maxMs: this.options.retryMaxDelayMs }),
          );
        }
      }
    }
    const reason = lastError instanceof Error ? lastError.message : String(lastError);
    throw new TransientError(`publish to ${subject} failed: ${reason}`, { cause: lastError });
  }

  private headersFor(options: PublishMessageOptions): MsgHdrs {
    const headers = createHeaders();
    if (options.correlationId) {
      headers.set(CORRELATION_ID_HEADER, options.correlationId);
    }
    if (options.eventType) {
      headers.set(EVENT_TYPE_HEADER, options.eventType);
    }
    return headers;
  }
}
