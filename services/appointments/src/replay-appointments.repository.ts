import type { ReplayAppointmentRef, RpcReply } from '@gazette-watch/contracts';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { appointmentRef, type AppointmentChanges, type ComparedAppointment } from './appointment-changes.diff';
import { ReplayAppointmentChangeEntity, type ReplayChangeKind } from './entities/replay-appointment-change.entity';
import { ReplayDocumentSeenEntity } from './entities/replay-document-seen.entity';

/** The replay tables: what each run changed here, and which documents it brought. Writes take the caller's transaction. */
export class ReplayAppointmentsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Keeps the run's changes; a change already recorded for an appointment in this run stays as it was. */
  async recordChanges(
    manager: EntityManager,
    runId: string,
    gazetteId: string,
    changes: AppointmentChanges<ComparedAppointment>,
    pipelineVersion: string,
  ): Promise<void> {
    const rows = [
      ...changes.added.map((row) => changeRow('added', row)),
      ...changes.removed.map((row) => changeRow('removed', row)),
      ...changes.changed.map(({ after }) => changeRow('changed', after)),
    ].map((row) => ({ ...row, runId, gazetteId, pipelineVersion }));
    if (rows.length === 0) return;
    await manager.createQueryBuilder().insert().into(ReplayAppointmentChangeEntity).values(rows).orIgnore().execute();
  }

  async recordDocumentSeen(
    manager: EntityManager,
    runId: string,
    document: { documentId: string; gazetteId: string },
    pipelineVersion: string,
  ): Promise<void> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(ReplayDocumentSeenEntity)
      .values({ runId, ...document, pipelineVersion })
      .orIgnore()
      .execute();
  }

  /** Per gazette asked, in that order: the documents the run brought here and what it changed. */
  async reports(runId: string, gazetteIds: readonly string[]): Promise<RpcReply<'replay.appointments-report'>> {
    const ids = [...gazetteIds];
    const [seen, changes] = await Promise.all([
      this.dataSource.query(
        `SELECT gazette_id, count(*)::int AS documents FROM replay_document_seen
          WHERE run_id = $1 AND gazette_id = ANY($2::text[]) GROUP BY gazette_id`,
        [runId, ids],
      ) as Promise<Array<{ gazette_id: string; documents: number }>>,
      this.dataSource.getRepository(ReplayAppointmentChangeEntity).find({
        where: { runId, gazetteId: In(ids) },
        order: { documentId: 'ASC', appointmentId: 'ASC' },
      }),
    ]);
    const documentsBy = new Map(seen.map((row) => [row.gazette_id, row.documents]));
    return {
      items: ids.map((gazetteId) => {
        const ofGazette = changes.filter((change) => change.gazetteId === gazetteId);
        const refs = (kind: ReplayChangeKind): ReplayAppointmentRef[] =>
          ofGazette.filter((change) => change.change === kind).map(refOfChange);
        return {
          gazette_id: gazetteId,
          documents_recorded: documentsBy.get(gazetteId) ?? 0,
          added: refs('added'),
          removed: refs('removed'),
          changed: refs('changed'),
        };
      }),
    };
  }
}

function changeRow(change: ReplayChangeKind, row: ComparedAppointment) {
  const ref = appointmentRef(row);
  return {
    appointmentId: ref.appointment_id,
    documentId: ref.document_id,
    change,
    person: ref.person,
    action: ref.action,
    position: ref.position,
  };
}

function refOfChange(change: ReplayAppointmentChangeEntity): ReplayAppointmentRef {
  return {
    appointment_id: change.appointmentId,
    document_id: change.documentId,
    person: change.person,
    action: change.action,
    position: change.position,
  };
}
