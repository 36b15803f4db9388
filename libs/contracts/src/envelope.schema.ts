import { z } from 'zod';

/** What travels on a subject: routing and tracing fields around one typed payload. */
export interface EventEnvelope<T> {
  /** The event type, equal to its base subject (`gazette.ingested`). */
  type: string;
  /** Major version of the payload's contract; additive changes keep it. */
  version: number;
  /** Deterministic, and also the `Nats-Msg-Id` (see `messageId`). */
  id: string;
  /** The id of the request that started the chain, carried unchanged through every event. */
  correlation_id: string;
  /** ISO timestamp of when the producer made the event. */
  occurred_at: string;
  /** The service that published it. */
  producer: string;
  payload: T;
}

/** The envelope without knowledge of the payload; `parseEnvelope` checks the payload afterwards. */
export const envelopeSchema = z.object({
  type: z.string().min(1),
  version: z.int().min(1),
  id: z.string().min(1),
  correlation_id: z.string().min(1),
  occurred_at: z.iso.datetime({ offset: true }),
  producer: z.string().regex(/^[a-z][a-z0-9-]*$/, 'expected a service name (lower-case letters, digits, "-")'),
  payload: z.unknown(),
});
