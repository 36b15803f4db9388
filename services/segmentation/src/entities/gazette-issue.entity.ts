import type { TocCheck, TocEntry } from '@gazette-watch/parser';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One segmented gazette issue: the parser's metadata, table of contents and how many documents it found. */
@Entity({ name: 'gazette_issue' })
export class GazetteIssueEntity {
  @PrimaryColumn({ name: 'gazette_id', type: 'text' })
  gazetteId!: string;

  @Column({ type: 'text', nullable: true })
  publisher!: string | null;

  @Column({ type: 'text', nullable: true })
  region!: string | null;

  @Column({ type: 'integer', nullable: true })
  year!: number | null;

  @Column({ type: 'text', nullable: true })
  issue!: string | null;

  @Column({ name: 'total_issue', type: 'integer', nullable: true })
  totalIssue!: number | null;

  /** Text, not date: the parser promises ISO form but not always a full day. */
  @Column({ name: 'published_on', type: 'text', nullable: true })
  publishedOn!: string | null;

  @Column({ type: 'jsonb' })
  toc!: TocEntry[];

  @Column({ name: 'toc_check', type: 'jsonb' })
  tocCheck!: TocCheck;

  @Column({ type: 'jsonb' })
  warnings!: string[];

  @Column({ name: 'document_count', type: 'integer' })
  documentCount!: number;

  @Column({ name: 'appointment_count', type: 'integer', default: 0 })
  appointmentCount!: number;

  @Column({ name: 'regulation_count', type: 'integer', default: 0 })
  regulationCount!: number;

  @Column({ name: 'pipeline_version', type: 'text' })
  pipelineVersion!: string;

  @Column({ name: 'segmented_at', type: 'timestamptz' })
  segmentedAt!: Date;
}
