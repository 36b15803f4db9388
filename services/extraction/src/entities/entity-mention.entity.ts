import type { EntityType } from '@gazette-watch/parser';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One entity of a document, a row per mention so that SQL can search them by type and value. */
@Entity({ name: 'entity' })
export class EntityMentionEntity {
  @PrimaryColumn({ name: 'document_id', type: 'text' })
  documentId!: string;

  /** Position in the parser's entity list of the document. */
  @PrimaryColumn({ type: 'integer' })
  ordinal!: number;

  @Column({ type: 'text' })
  type!: EntityType;

  @Column({ type: 'text' })
  text!: string;

  /** Character offsets into the document's text, end exclusive. */
  @Column({ type: 'integer' })
  start!: number;

  @Column({ type: 'integer' })
  end!: number;

  /** The normalised value as text (numbers too); `document_entities.entities` keeps the typed one. */
  @Column({ type: 'text', nullable: true })
  value!: string | null;

  @Column({ type: 'text', nullable: true })
  unit!: string | null;

  @Column({ name: 'doc_number', type: 'text', nullable: true })
  docNumber!: string | null;

  /** Null on rows older than the column. */
  @Column({ name: 'pipeline_version', type: 'text', nullable: true })
  pipelineVersion!: string | null;
}
