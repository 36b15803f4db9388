import { RpcException } from '@nestjs/microservices';

export interface MessagingErrorOptions {
  cause?: unknown;
}

export interface TransientErrorOptions extends MessagingErrorOptions {
  /** Overrides the transport's backoff when the failing dependency says when to come back. */
  retryAfterMs?: number;
}

/**
 * Base of the errors the transport classifies. It extends RpcException because NestJS's default
 * RPC exception filter replaces every other error with a generic "Internal server error" object
 * before the transport sees it; `getError()` returning the instance itself lets the class (and so
 * the retry decision) survive that filter.
 */
export abstract class MessagingError extends RpcException {
  abstract readonly kind: 'transient' | 'permanent';

  protected constructor(message: string, options: MessagingErrorOptions = {}) {
    super(message);
    this.name = new.target.name;
    if (options.cause !== undefined) {
      this.cause = options.cause;
    }
  }

  override getError(): object {
    return this;
  }
}

/** The work may succeed later (database or NATS unavailable): the message is redelivered after a delay. */
export class TransientError extends MessagingError {
  readonly kind = 'transient' as const;
  readonly retryAfterMs?: number;

  constructor(message: string, options: TransientErrorOptions = {}) {
    super(message, options);
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** Retrying cannot help (bad data, broken invariant): the message is dead-lettered at once. */
export class PermanentError extends MessagingError {
  readonly kind = 'permanent' as const;

  constructor(message: string, options: MessagingErrorOptions = {}) {
    super(message, options);
  }
}

export function isPermanentError(error: unknown): error is PermanentError {
  return error instanceof PermanentError;
}

/**
 * A readable message for anything a handler may throw, including the plain objects NestJS's
 * exception filters emit (`{ status: 'error', message }`).
 */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    return error.message || error.name;
  }
  if (typeof error === 'string') {
    return error;
  }
  if (typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string') {
    return error.message;
  }
  try {
    return JSON.stringify(error) ?? String(error);
  } catch {
    return String(error);
  }
}
