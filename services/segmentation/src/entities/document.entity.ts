import type { DocumentCategory } from '@gazette-watch/parser';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One document of a gazette as the parser segmented it, without its entities (extraction owns those). */
@Entity({ name: 'document' })
export class DocumentEntity {
  /** `<gazette_id>:<index>` (contracts' `documentId`). */
  @PrimaryColumn({ name: 'document_id', type: 'text' })
  documentId!: string;

  @Column({ name: 'gazette_id', type: 'text' })
  gazetteId!: string;

  @Column({ name: 'index', type: 'integer' })
  index!: number;

  @Column({ type: 'text' })
  title!: string;

  @Column({ name: 'doc_number', type: 'text', nullable: true })
  docNumber!: string | null;

  @Column({ type: 'jsonb' })
  issuers!: string[];

  /** Text, not date: a signature may name only a month, and ISO strings still sort by time. */
  @Column({ name: 'signed_on', type: 'text', nullable: true })
  signedOn!: string | null;

  @Column({ name: 'doc_type', type: 'text', nullable: true })
  docType!: string | null;

  @Column({ type: 'text' })
  category!: DocumentCategory;

  @Column({ type: 'text', nullable: true })
  section!: string | null;

  @Column({ name: 'start_line', type: 'integer' })
  startLine!: number;

  @Column({ name: 'end_line', type: 'integer' })
  endLine!: number;

  @Column({ type: 'jsonb' })
  recipients!: string[];

  @Column({ type: 'text' })
  body!: string;

  @Column({ type: 'jsonb' })
  attachments!: string[];

  @Column({ type: 'text', nullable: true })
  publicity!: string | null;

  @Column({ type: 'text' })
  text!: string;

  @Column({ type: 'double precision' })
  confidence!: number;

  @Column({ type: 'jsonb' })
  reasons!: string[];

  /** The gazette's region and publisher, copied so that searches need no join. */
  @Column({ type: 'text', nullable: true })
  region!: string | null;

  @Column({ type: 'text', nullable: true })
  publisher!: string | null;

  @Column({ name: 'pipeline_version', type: 'text' })
  pipelineVersion!: string;
}
