import { AppointmentRecordError, applyRecords } from '@gazette-watch/appointment-rules';
import {
  ContractViolation,
  SUBJECTS,
  eventMessageId,
  makeEnvelope,
  type AppointmentRecordedPayload,
  type EventEnvelope,
} from '@gazette-watch/contracts';
import { MessagingError, PermanentError, TransientError, describeError } from '@gazette-watch/messaging';
import { DataSource, QueryFailedError } from 'typeorm';
import { AppointmentEventsRepository } from '../appointment-events.repository';
import {
  applicableRecord,
  carriesAppointments,
  mapRecords,
  personRows,
  postRows,
  recordedPayload,
  type ExtractedDocument,
} from '../appointment-record.mapper';
import { AppointmentRepository } from '../appointment.repository';
import { APPOINTMENTS_SERVICE } from '../appointments.config';
import { TenureRepository } from '../tenure.repository';

export interface RecordAppointmentsCommand {
  document: ExtractedDocument;
  /** Carried unchanged into the outgoing events. */
  correlationId: string;
}

export interface RecordAppointmentsResult {
  /** Records stored (0 for a document that is not ours). */
  recorded: number;
  /** Of the published events, those JetStream already held (a redelivery). */
  duplicates: number;
  /** Tenure rows written and deleted. */
  tenuresChanged: number;
}

/**
 * Stores a document's appointment records, the people and posts they name and the tenures the
 * timeline rules derive, in one transaction; then publishes one `appointment.recorded` per record.
 * Idempotent: rows are upserted by deterministic ids, the rules change nothing when applied twice,
 * and the events carry deterministic message ids, so a redelivery stores and publishes nothing new.
 */
export class RecordAppointments {
  constructor(
    private readonly dataSource: DataSource,
    private readonly appointments: AppointmentRepository,
    private readonly tenures: TenureRepository,
    private readonly events: AppointmentEventsRepository,
  ) {}

  async execute(command: RecordAppointmentsCommand): Promise<RecordAppointmentsResult> {
    const { document } = command;
    // Not ours (acked without work), or a personnel document in which the parser found no record.
    if (!carriesAppointments(document) || document.appointments.length === 0) {
      return { recorded: 0, duplicates: 0, tenuresChanged: 0 };
    }
    const mapped = mapRecords(document);
    let tenuresChanged = 0;
    try {
      await this.dataSource.transaction(async (manager) => {
        const records = mapped.map(({ record }) => applicableRecord(document, record));
        const postKeys = [...new Set(mapped.map(({ post }) => post.key))];
        await this.tenures.lockPosts(manager, postKeys);
        await this.appointments.upsertAppointments(
          manager,
          mapped.map(({ row }) => row),
        );
        await this.appointments.upsertPersons(manager, personRows(document, mapped));
        await this.appointments.upsertPosts(manager, postRows(document, mapped));
        const snapshot = { tenures: await this.tenures.ofPosts(manager, postKeys) };
        const changes = applyRecords(snapshot, records);
        await this.tenures.apply(manager, changes);
        tenuresChanged = changes.upsert.length + changes.delete.length;
      });
    } catch (error) {
      throw classify(error);
    }

    const envelopes = mapped.map(({ row }) => envelopeOf(recordedPayload(row), command.correlationId));
    const published = await this.events.publishRecorded(envelopes);
    return {
      recorded: mapped.length,
      duplicates: published.filter((result) => result.duplicate).length,
      tenuresChanged,
    };
  }
}

function envelopeOf(
  payload: AppointmentRecordedPayload,
  correlationId: string,
): EventEnvelope<AppointmentRecordedPayload> {
  try {
    return makeEnvelope(SUBJECTS.appointmentRecorded, payload, {
      id: eventMessageId(SUBJECTS.appointmentRecorded, payload),
      correlationId,
      producer: APPOINTMENTS_SERVICE,
    });
  } catch (error) {
    // A record the contracts refuse stays refused on every delivery.
    throw new PermanentError(`appointment.recorded for ${payload.appointment_id}: ${describeError(error)}`, {
      cause: error,
    });
  }
}

/** PostgreSQL error classes that no retry mends: data exceptions (22) and integrity violations (23). */
const PERMANENT_SQLSTATE = /^(?:22|23)/;

/**
 * What a retry can fix (the database was unavailable, a serialization conflict) is transient;
 * a record the rules refuse or a row the database rejects is permanent.
 */
function classify(error: unknown): Error {
  if (error instanceof MessagingError) return error;
  if (error instanceof AppointmentRecordError || error instanceof ContractViolation) {
    return new PermanentError(describeError(error), { cause: error });
  }
  if (error instanceof QueryFailedError) {
    const code = (error.driverError as { code?: unknown } | undefined)?.code;
    if (typeof code === 'string' && PERMANENT_SQLSTATE.test(code)) {
      return new PermanentError(`database refused the records: ${describeError(error)}`, { cause: error });
    }
  }
  return new TransientError(`storing the records failed: ${describeError(error)}`, { cause: error });
}
