import type { ReplayDocumentRef } from '@gazette-watch/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * What one replay run's re-parse changed of one gazette's documents, written in the transaction
 * that stored the new parse. The first write wins: a redelivery of the run's event compares the
 * parse with itself and must not overwrite the report with "no changes".
 */
@Entity({ name: 'replay_document_report' })
export class ReplayDocumentReportEntity {
  @PrimaryColumn({ name: 'run_id', type: 'text' })
  runId!: string;

  @PrimaryColumn({ name: 'gazette_id', type: 'text' })
  gazetteId!: string;

  /** Documents of the new parse. */
  @Column({ name: 'document_count', type: 'integer' })
  documentCount!: number;

  @Column({ type: 'jsonb' })
  added!: ReplayDocumentRef[];

  @Column({ type: 'jsonb' })
  removed!: ReplayDocumentRef[];

  @Column({ type: 'jsonb' })
  changed!: ReplayDocumentRef[];

  @Column({ name: 'pipeline_version', type: 'text' })
  pipelineVersion!: string;

  @Column({ name: 'reported_at', type: 'timestamptz', default: () => 'now()' })
  reportedAt!: Date;
}
