/** Why an input cannot be parsed at all; callers turn it into a one-line message or a 4xx. */
export type GazetteInputErrorCode = 'empty' | 'binary' | 'undecodable' | 'too_large';

export class GazetteInputError extends Error {
  constructor(
    readonly code: GazetteInputErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'GazetteInputError';
  }
}
