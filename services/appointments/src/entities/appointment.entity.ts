import type { AppointmentRecordData } from '@gazette-watch/contracts';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One appointment record of a personnel document, keyed by `appointmentId` so a redelivery updates it. */
@Entity({ name: 'appointment' })
@Index('appointment_gazette_id_idx', ['gazetteId'])
export class AppointmentEntity {
  @PrimaryColumn({ name: 'appointment_id', type: 'text' })
  appointmentId!: string;

  @Column({ name: 'document_id', type: 'text' })
  documentId!: string;

  @Column({ name: 'gazette_id', type: 'text' })
  gazetteId!: string;

  @Column({ type: 'text', nullable: true })
  region!: string | null;

  /** As printed (layout spaces removed by the parser or not): the record is kept verbatim. */
  @Column({ type: 'text' })
  person!: string;

  @Column({ type: 'text' })
  action!: AppointmentRecordData['action'];

  @Column({ type: 'text' })
  method!: AppointmentRecordData['method'];

  @Column({ type: 'text' })
  position!: string;

  /** The organisation of the position with the region's short forms resolved ("吕梁市人民政府"). */
  @Column({ type: 'text', nullable: true })
  organisation!: string | null;

  @Column({ type: 'text', nullable: true })
  title!: string | null;

  @Column({ name: 'post_key', type: 'text', nullable: true })
  postKey!: string | null;

  @Column({ type: 'jsonb' })
  qualifiers!: string[];

  @Column({ type: 'jsonb' })
  notes!: string[];

  @Column({ type: 'text', nullable: true })
  meeting!: string | null;

  @Column({ name: 'meeting_date', type: 'text', nullable: true })
  meetingDate!: string | null;

  @Column({ name: 'doc_number', type: 'text', nullable: true })
  docNumber!: string | null;

  /** Text, not date: the parser may give a month ("2023-04") when the day is not printed. */
  @Column({ name: 'signed_on', type: 'text', nullable: true })
  signedOn!: string | null;

  @Column({ type: 'double precision' })
  confidence!: number;

  @Column({ type: 'jsonb' })
  reasons!: string[];

  @Column({ name: 'pipeline_version', type: 'text' })
  pipelineVersion!: string;

  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' })
  recordedAt!: Date;
}
