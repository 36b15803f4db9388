/** A record the rules cannot place: thrown rather than skipped, so that bad input is not lost silently. */
export class AppointmentRecordError extends Error {
  constructor(
    message: string,
    readonly document_id: string | null,
  ) {
    super(message);
    this.name = 'AppointmentRecordError';
  }
}
