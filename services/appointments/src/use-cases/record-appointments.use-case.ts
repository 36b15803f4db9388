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
import { DataSource, QueryFailedError, type EntityManager } from 'typeorm';
import { AppointmentEventsRepository } from '../appointment-events.repository';
import { appointmentsDiff, isUnchanged, type AppointmentChanges } from '../appointment-changes.diff';
import {
  applicableRecord,
  applicableRecordOfRow,
  carriesAppointments,
  mapRecords,
  personRows,
  postRows,
  recordedPayload,
  type AppointmentRow,
  type ExtractedDocument,
  type MappedRecord,
} from '../appointment-record.mapper';
import { AppointmentRepository } from '../appointment.repository';
import { APPOINTMENTS_SERVICE } from '../appointments.config';
import { ReplayAppointmentsRepository } from '../replay-appointments.repository';
import { TenureRepository } from '../tenure.repository';
import { rebuildPosts } from '../timeline-rebuild.rules';

export interface RecordAppointmentsCommand {
  document: ExtractedDocument;
  /** Carried unchanged into the outgoing events. */
  correlationId: string;
  /** The replay run that re-sent the document; absent on a first run. */
  replayRun?: string;
  /** With a replay run: the documents of the gazette's new parse (records of those beyond it are dropped). */
  replayDocumentCount?: number;
}

export interface RecordAppointmentsResult {
  /** Records stored (0 for a document that is not ours). */
  recorded: number;
  /** Records deleted: no longer in the document, or in a document the new parse no longer has. */
  removed: number;
  /** Of the published events, those JetStream already held (a redelivery). */
  duplicates: number;
  /** Tenure rows written and deleted. */
  tenuresChanged: number;
}

const NOTHING: RecordAppointmentsResult = { recorded: 0, removed: 0, duplicates: 0, tenuresChanged: 0 };

/**
 * Stores a document's appointment records, the people and posts they name and the tenures the
 * timeline rules derive, in one transaction; then publishes one `appointment.recorded` per record.
 * Idempotent: rows are upserted by deterministic ids, the rules change nothing when applied twice,
 * and the events carry deterministic message ids, so a redelivery stores and publishes nothing new.
 *
 * The document's stored records are replaced by its current ones: a record it no longer lists is
 * deleted. In a replay run, the records of the gazette's documents the new parse no longer has go
 * too, what changed is kept for the run's report, and the events carry the run on. A removed or
 * changed record cannot be taken out of tenures by the rules (they only add), so the posts it
 * touched are rebuilt from the records that remain.
 */
export class RecordAppointments {
  constructor(
    private readonly dataSource: DataSource,
    private readonly appointments: AppointmentRepository,
    private readonly tenures: TenureRepository,
    private readonly events: AppointmentEventsRepository,
    private readonly replays: ReplayAppointmentsRepository,
  ) {}

  async execute(command: RecordAppointmentsCommand): Promise<RecordAppointmentsResult> {
    const { document, replayRun } = command;
    const ours = carriesAppointments(document) && document.appointments.length > 0;
    // Not ours (acked without work), or a personnel document in which the parser found no record;
    // a replay still has to drop what it lost and count the document as seen.
    if (!ours && replayRun === undefined) return NOTHING;
    const mapped = ours ? mapRecords(document) : [];
    let result = NOTHING;
    try {
      result = await this.dataSource.transaction((manager) => this.store(manager, command, mapped));
    } catch (error) {
      throw classify(error);
    }

    const envelopes = mapped.map(({ row }) =>
      envelopeOf(recordedPayload(row, document.document), command.correlationId, replayRun),
    );
    const published = await this.events.publishRecorded(envelopes);
    return { ...result, duplicates: published.filter((outcome) => outcome.duplicate).length };
  }

  private async store(
    manager: EntityManager,
    command: RecordAppointmentsCommand,
    mapped: readonly MappedRecord[],
  ): Promise<RecordAppointmentsResult> {
    const { document, replayRun, replayDocumentCount } = command;
    let lost: AppointmentRow[] = [];
    if (replayRun !== undefined && replayDocumentCount !== undefined) {
      // Taken before any post lock, by every replayed document of the gazette: no lock cycle.
      await this.appointments.lockGazette(manager, document.gazette_id);
      lost = await this.appointments.ofGazetteFrom(manager, document.gazette_id, replayDocumentCount);
    }
    const stored = await this.appointments.ofDocument(manager, document.document_id);
    const current = appointmentsDiff(
      stored,
      mapped.map(({ row }) => row),
    );
    const changes: AppointmentChanges = { ...current, removed: [...current.removed, ...lost] };
    const rebuild = changes.removed.length > 0 || changes.changed.length > 0;
    const postKeys = distinct([
      ...mapped.map(({ post }) => post.key),
      ...changes.removed.map((row) => row.postKey),
      ...changes.changed.map(({ before }) => before.postKey),
    ]);

    await this.tenures.lockPosts(manager, postKeys);
    await this.appointments.deleteAppointments(
      manager,
      changes.removed.map((row) => row.appointmentId),
    );
    await this.appointments.upsertAppointments(
      manager,
      mapped.map(({ row }) => row),
    );
    await this.appointments.upsertPersons(manager, personRows(document, mapped));
    await this.appointments.upsertPosts(manager, postRows(document, mapped));
    const snapshot = { tenures: await this.tenures.ofPosts(manager, postKeys) };
    const timeline = rebuild
      ? rebuildPosts(
          postKeys,
          snapshot.tenures,
          (await this.appointments.ofPosts(manager, postKeys)).map(applicableRecordOfRow),
        )
      : applyRecords(
          snapshot,
          mapped.map(({ record }) => applicableRecord(document, record)),
        );
    await this.tenures.apply(manager, timeline, document.pipeline_version);

    if (replayRun !== undefined) {
      if (!isUnchanged(changes)) {
        await this.replays.recordChanges(manager, replayRun, document.gazette_id, changes, document.pipeline_version);
      }
      await this.replays.recordDocumentSeen(
        manager,
        replayRun,
        { documentId: document.document_id, gazetteId: document.gazette_id },
        document.pipeline_version,
      );
    }
    return {
      recorded: mapped.length,
      removed: changes.removed.length,
      duplicates: 0,
      tenuresChanged: timeline.upsert.length + timeline.delete.length,
    };
  }
}

function distinct(keys: ReadonlyArray<string | null>): string[] {
  return [...new Set(keys.filter((key): key is string => key !== null))];
}

function envelopeOf(
  payload: AppointmentRecordedPayload,
  correlationId: string,
  replayRun: string | undefined,
): EventEnvelope<AppointmentRecordedPayload> {
  try {
    return makeEnvelope(SUBJECTS.appointmentRecorded, payload, {
      id: eventMessageId(SUBJECTS.appointmentRecorded, payload, replayRun),
      correlationId,
      producer: APPOINTMENTS_SERVICE,
      replayRun,
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
