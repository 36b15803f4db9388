/**
 * The parts of `EventEnvelope` (from `@gazette-watch/contracts`) the transport relies on. Any
 * contracts envelope satisfies it structurally.
 */
export interface EnvelopeLike {
  readonly type: string;
  readonly id: string;
  readonly correlation_id: string;
}

/** Headers copied from the envelope so operators can trace and filter without parsing bodies. */
export const CORRELATION_ID_HEADER = 'Gazette-Correlation-Id';
export const EVENT_TYPE_HEADER = 'Gazette-Event-Type';
