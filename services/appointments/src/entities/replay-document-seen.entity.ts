import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A document a replay run brought to this stage, records or not: the run is done with a gazette
 * once as many of its documents were seen as its new parse has.
 */
@Entity({ name: 'replay_document_seen' })
@Index('replay_document_seen_gazette_idx', ['runId', 'gazetteId'])
export class ReplayDocumentSeenEntity {
  @PrimaryColumn({ name: 'run_id', type: 'text' })
  runId!: string;

  @PrimaryColumn({ name: 'document_id', type: 'text' })
  documentId!: string;

  @Column({ name: 'gazette_id', type: 'text' })
  gazetteId!: string;

  @Column({ name: 'pipeline_version', type: 'text' })
  pipelineVersion!: string;

  @Column({ name: 'seen_at', type: 'timestamptz', default: () => 'now()' })
  seenAt!: Date;
}
