import type { ReplayAppointmentChanges, ReplayAppointmentRef } from '@gazette-watch/contracts';
import type { AppointmentRow } from './appointment-record.mapper';

/**
 * What a re-run changed of a document's appointment records, by appointment id. A record is
 * changed when any field the service stores differs; the pipeline version and the time it was
 * recorded are left out, as a newer pipeline that reads the same record has changed nothing.
 */

/** The stored fields compared, in a fixed order so that rows read back from the database compare by value. */
const COMPARED_FIELDS = [
  'documentId',
  'gazetteId',
  'region',
  'person',
  'action',
  'method',
  'position',
  'organisation',
  'title',
  'postKey',
  'qualifiers',
  'notes',
  'meeting',
  'meetingDate',
  'docNumber',
  'signedOn',
  'confidence',
  'reasons',
] as const satisfies readonly (keyof AppointmentRow)[];

export type ComparedAppointment = Pick<AppointmentRow, 'appointmentId' | (typeof COMPARED_FIELDS)[number]>;

export interface AppointmentChanges<T extends ComparedAppointment = AppointmentRow> {
  added: T[];
  removed: T[];
  changed: Array<{ before: T; after: T }>;
}

/** The fields that differ between two versions of one record (none: unchanged). */
export function changedAppointmentFields(before: ComparedAppointment, after: ComparedAppointment): string[] {
  return COMPARED_FIELDS.filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]));
}

/** Added, removed and changed records between what was stored and what the new run found. */
export function appointmentsDiff<T extends ComparedAppointment>(
  before: readonly T[],
  after: readonly T[],
): AppointmentChanges<T> {
  const old = new Map(before.map((row) => [row.appointmentId, row]));
  const current = new Set(after.map((row) => row.appointmentId));
  const changes: AppointmentChanges<T> = { added: [], removed: [], changed: [] };
  for (const row of after) {
    const previous = old.get(row.appointmentId);
    if (!previous) changes.added.push(row);
    else if (changedAppointmentFields(previous, row).length > 0) changes.changed.push({ before: previous, after: row });
  }
  changes.removed = before.filter((row) => !current.has(row.appointmentId));
  return changes;
}

/** Nothing added, removed or changed. */
export function isUnchanged(changes: AppointmentChanges<ComparedAppointment>): boolean {
  return changes.added.length === 0 && changes.removed.length === 0 && changes.changed.length === 0;
}

/** The changes as a replay report lists them: removed records as they were, the others as they are now. */
export function appointmentChangesReport(changes: AppointmentChanges<ComparedAppointment>): ReplayAppointmentChanges {
  return {
    added: changes.added.map(appointmentRef),
    removed: changes.removed.map(appointmentRef),
    changed: changes.changed.map(({ after }) => appointmentRef(after)),
  };
}

export function appointmentRef(row: ComparedAppointment): ReplayAppointmentRef {
  return {
    appointment_id: row.appointmentId,
    document_id: row.documentId,
    person: row.person,
    action: row.action,
    position: row.position,
  };
}
