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
  /**
   * Added in v1 without a bump: the replay run that republished this event, absent on a first
   * run. Every stage carries it on to the events it derives, whose ids end in `@replay:<run>`.
   */
  replay_run?: string;
  /**
   * Added in v1 without a bump, on replayed document events only: how many documents the gazette's
   * new parse has. Each stage drops what it holds of the gazette's documents at or beyond it, so a
   * parse that splits fewer documents than the last one leaves nothing behind downstream.
   */
  replay_document_count?: number;
  payload: T;
}

/** A replay run's id: it ends message ids (`@replay:<run>`), so only characters that cannot fake another suffix. */
export const replayRunSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'a replay run id is letters, digits, "_" and "-"');

/** The envelope without knowledge of the payload; `parseEnvelope` checks the payload afterwards. */
export const envelopeSchema = z.object({
  type: z.string().min(1),
  version: z.int().min(1),
  id: z.string().min(1),
  correlation_id: z.string().min(1),
  occurred_at: z.iso.datetime({ offset: true }),
  producer: z.string().regex(/^[a-z][a-z0-9-]*$/, 'expected a service name (lower-case letters, digits, "-")'),
  replay_run: replayRunSchema.optional(),
  replay_document_count: z.int().min(0).optional(),
  payload: z.unknown(),
});
