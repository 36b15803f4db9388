/**
 * Why one delivery of a message was not acked: `transient` is retried (nak), the others end in a
 * dead letter (`retries_exhausted` being a transient failure on the last allowed delivery).
 */
export type MessageFailureReason =
  'transient' | 'permanent' | 'invalid_payload' | 'malformed_json' | 'retries_exhausted';

/** `ok`: answered; `rejected`: a permanent error (a bad request, no retry); `failed`: anything else. */
export type RpcOutcome = 'ok' | 'rejected' | 'failed';

/** Messages a durable consumer of the service has not been delivered yet, per logical stream. */
export interface ConsumerPending {
  /** Logical stream name, e.g. `DOCUMENTS`. */
  readonly stream: string;
  readonly pending: number;
}

/**
 * What the JetStream server reports as it works (the `metrics` option). An interface rather than
 * a metrics library, so that the transport and its specs do not depend on one;
 * `PrometheusMetrics.jetstream` is the implementation the services use.
 */
export interface JetStreamMetrics {
  /** A handler succeeded and the message was acked. */
  messageProcessed(subject: string): void;
  /** Once per delivery that was not acked. */
  messageFailed(subject: string, reason: MessageFailureReason): void;
  deadLettered(subject: string, reason: MessageFailureReason): void;
  /** How long the handler ran (successful or not). */
  handlerDuration(subject: string, seconds: number): void;
  rpcRequest(name: string, outcome: RpcOutcome): void;
  /** Called when the server starts, with a reader of its consumers' lag to read on each scrape. */
  watchConsumers?(read: () => Promise<ConsumerPending[]>): void;
}
