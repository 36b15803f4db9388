import type { AppointmentRecordData } from '@gazette-watch/contracts';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type ReplayChangeKind = 'added' | 'removed' | 'changed';

/**
 * One appointment a replay run added, removed or changed, written in the transaction that stored
 * the change. The first write per (run, appointment) wins: a redelivery of the run's event finds
 * nothing left to change and must not erase what the first delivery found.
 */
@Entity({ name: 'replay_appointment_change' })
@Index('replay_appointment_change_gazette_idx', ['runId', 'gazetteId'])
export class ReplayAppointmentChangeEntity {
  @PrimaryColumn({ name: 'run_id', type: 'text' })
  runId!: string;

  @PrimaryColumn({ name: 'appointment_id', type: 'text' })
  appointmentId!: string;

  @Column({ name: 'gazette_id', type: 'text' })
  gazetteId!: string;

  @Column({ name: 'document_id', type: 'text' })
  documentId!: string;

  @Column({ type: 'text' })
  change!: ReplayChangeKind;

  @Column({ type: 'text' })
  person!: string;

  @Column({ type: 'text' })
  action!: AppointmentRecordData['action'];

  @Column({ type: 'text' })
  position!: string;

  @Column({ name: 'pipeline_version', type: 'text' })
  pipelineVersion!: string;

  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' })
  recordedAt!: Date;
}
