import type { ContractIssue } from '@gazette-watch/contracts';

/** Why a query to an owning service could not be answered; the exception filter maps each to HTTP. */
export abstract class ServiceQueryError extends Error {
  abstract readonly status: number;
}

/** The HTTP request does not fit the query's contract (400). */
export class InvalidQueryError extends ServiceQueryError {
  override readonly name = 'InvalidQueryError';
  readonly status = 400;

  constructor(
    message: string,
    readonly issues: readonly ContractIssue[],
  ) {
    super(message);
  }
}

/** Nobody answered in time, or the service answered that it cannot work now (503). */
export class ServiceUnavailableError extends ServiceQueryError {
  override readonly name = 'ServiceUnavailableError';
  readonly status = 503;
}

/** The service refused a valid query or answered outside its contract: a version mismatch (502). */
export class BadServiceReplyError extends ServiceQueryError {
  override readonly name = 'BadServiceReplyError';
  readonly status = 502;
}

/** The service refused a command for a reason the client can act on; carries the status it named. */
export class RefusedCommandError extends ServiceQueryError {
  override readonly name = 'RefusedCommandError';

  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
