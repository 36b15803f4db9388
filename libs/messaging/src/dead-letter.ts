/** Why a message was given up on. */
export type DeadLetterReason = 'malformed_json' | 'invalid_payload' | 'permanent_error' | 'retries_exhausted';

/** The record published to `deadletter.<service>` and handed to the service's dead-letter store. */
export interface DeadLetterEntry {
  readonly service: string;
  /** Logical stream name, e.g. `GAZETTES`. */
  readonly stream: string;
  /** Logical subject the message was published on. */
  readonly subject: string;
  readonly stream_seq: number;
  /** Deliveries so far, the failing one included. */
  readonly deliveries: number;
  readonly reason: DeadLetterReason;
  readonly error: string;
  /** The original payload, decoded as UTF-8 (lossily if it was not valid UTF-8). */
  readonly data: string;
  readonly correlation_id?: string;
  readonly failed_at: string;
}

/**
 * Where a service keeps its dead letters (its `dead_letter` table). `record` may be called twice
 * for one message if the process dies between recording and terminating it, so implementations
 * should upsert on (`stream`, `stream_seq`).
 */
export interface DeadLetterRecorder {
  record(entry: DeadLetterEntry): Promise<void>;
}

/** The logical dead-letter subject of a service, as in `deadLetterSubject` of the contracts. */
export function deadLetterSubjectOf(service: string): string {
  return `deadletter.${service}`;
}
