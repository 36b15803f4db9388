import { ContractViolation } from './contract-violation.error';
import { envelopeSchema, type EventEnvelope } from './envelope.schema';
import { EVENT_CONTRACTS, isEventType, type EventPayload, type EventType } from './event-contract.registry';
import { messageId } from './message-id';

/**
 * Checks a received message against the contract of `type`: the envelope, its type, its version
 * and its payload. Returns the envelope with the parsed payload (unknown payload keys dropped).
 * Throws `ContractViolation`, which the messaging layer treats as permanent.
 */
export function parseEnvelope<K extends EventType>(type: K, data: unknown): EventEnvelope<EventPayload<K>>;
export function parseEnvelope(type: string, data: unknown): EventEnvelope<EventPayload>;
export function parseEnvelope(type: string, data: unknown): EventEnvelope<EventPayload> {
  if (!isEventType(type)) {
    throw new ContractViolation(type, [{ path: '', message: `unknown event type "${type}"` }]);
  }
  const contract = EVENT_CONTRACTS[type];
  const subject = `${type} v${contract.version}`;

  const envelope = envelopeSchema.safeParse(data);
  if (!envelope.success) throw ContractViolation.fromZod(subject, envelope.error);
  const { version } = envelope.data;
  if (envelope.data.type !== type) {
    throw new ContractViolation(subject, [
      { path: 'type', message: `expected an envelope of type "${type}", got "${envelope.data.type}"` },
    ]);
  }
  if (version > contract.version) {
    // Producers are upgraded after consumers; a newer version here means that order was broken.
    throw new ContractViolation(subject, [
      {
        path: 'version',
        message: `version ${version} is newer than the supported version ${contract.version}; upgrade this consumer`,
      },
    ]);
  }
  if (version !== contract.version) {
    throw new ContractViolation(subject, [
      { path: 'version', message: `version ${version} is no longer supported (current ${contract.version})` },
    ]);
  }

  const payload = contract.payload.safeParse(envelope.data.payload);
  if (!payload.success) throw ContractViolation.fromZod(subject, payload.error, ['payload']);
  return { ...envelope.data, payload: payload.data };
}

export interface EnvelopeOptions {
  /** Usually `eventMessageId(type, payload)`. */
  id: string;
  correlationId: string;
  producer: string;
  /** Defaults to now. */
  occurredAt?: Date | string;
  /** The replay run the event belongs to (`replay_run`); its id should come from `eventMessageId(type, payload, run)`. */
  replayRun?: string;
  /** `replay_document_count`: on a replay's document events, the documents of the gazette's new parse. */
  replayDocumentCount?: number;
}

/**
 * A version-current envelope around `payload`, validated like a received one, so that a producer
 * bug fails in the producer instead of dead-lettering in every consumer.
 */
export function makeEnvelope<K extends EventType>(
  type: K,
  payload: EventPayload<K>,
  options: EnvelopeOptions,
): EventEnvelope<EventPayload<K>> {
  const occurredAt = options.occurredAt ?? new Date();
  return parseEnvelope(type, {
    type,
    version: isEventType(type) ? EVENT_CONTRACTS[type].version : 0,
    id: options.id,
    correlation_id: options.correlationId,
    occurred_at: occurredAt instanceof Date ? occurredAt.toISOString() : occurredAt,
    producer: options.producer,
    // Left out rather than undefined, so a first run's envelopes stay exactly as they were.
    ...(options.replayRun !== undefined ? { replay_run: options.replayRun } : {}),
    ...(options.replayDocumentCount !== undefined ? { replay_document_count: options.replayDocumentCount } : {}),
    payload,
  });
}

/** The deterministic message id of an event: its type and its natural key (see `messageId`). */
export function eventMessageId<K extends EventType>(type: K, payload: EventPayload<K>, replayRun?: string): string {
  return messageId(type, EVENT_CONTRACTS[type].key(payload), replayRun);
}
