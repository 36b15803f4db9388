import type { TenureEvidence, TenureStatus } from '@gazette-watch/appointment-rules';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A person holding a post, as the rules of `@gazette-watch/appointment-rules` derive it. The row
 * keeps everything the rules need to rebuild the tenure (its post spelling and its evidence), so
 * the stored rows are the snapshot the next document is applied to.
 */
@Entity({ name: 'tenure' })
@Index('tenure_post_key_idx', ['postKey'])
@Index('tenure_person_idx', ['person'])
export class TenureEntity {
  /** `tenureId(person, post_key, start)`: re-processing finds the same row. */
  @PrimaryColumn({ name: 'tenure_id', type: 'text' })
  tenureId!: string;

  /** Normalised name (NFKC, no whitespace). */
  @Column({ type: 'text' })
  person!: string;

  @Column({ name: 'post_key', type: 'text' })
  postKey!: string;

  @Column({ type: 'text' })
  organisation!: string;

  @Column({ name: 'organisation_full', type: 'text' })
  organisationFull!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text', nullable: true })
  start!: string | null;

  @Column({ type: 'text', nullable: true })
  end!: string | null;

  @Column({ type: 'text' })
  status!: TenureStatus;

  @Column({ name: 'start_document_id', type: 'text', nullable: true })
  startDocumentId!: string | null;

  @Column({ name: 'start_doc_number', type: 'text', nullable: true })
  startDocNumber!: string | null;

  @Column({ name: 'end_document_id', type: 'text', nullable: true })
  endDocumentId!: string | null;

  @Column({ name: 'end_doc_number', type: 'text', nullable: true })
  endDocNumber!: string | null;

  @Column({ name: 'predecessor_id', type: 'text', nullable: true })
  predecessorId!: string | null;

  @Column({ name: 'successor_id', type: 'text', nullable: true })
  successorId!: string | null;

  @Column({ type: 'jsonb' })
  evidence!: TenureEvidence[];

  /** The pipeline version of the records that last rebuilt the tenure; null on rows older than the column. */
  @Column({ name: 'pipeline_version', type: 'text', nullable: true })
  pipelineVersion!: string | null;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
