import type { DocumentCategory, Entity as ParsedEntity, RegulationTerms } from '@gazette-watch/parser';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** What extraction found in one document: all its entities as the parser returns them, and regulation terms. */
@Entity({ name: 'document_entities' })
export class DocumentEntitiesEntity {
  @PrimaryColumn({ name: 'document_id', type: 'text' })
  documentId!: string;

  @Column({ name: 'gazette_id', type: 'text' })
  gazetteId!: string;

  @Column({ type: 'text' })
  category!: DocumentCategory;

  @Column({ type: 'text', nullable: true })
  region!: string | null;

  /** The parser's output verbatim (values keep their number or string type); `entity` rows are its index. */
  @Column({ type: 'jsonb' })
  entities!: ParsedEntity[];

  /** Only for regulation documents. */
  @Column({ type: 'jsonb', nullable: true })
  regulation!: RegulationTerms | null;

  @Column({ name: 'pipeline_version', type: 'text' })
  pipelineVersion!: string;

  @Column({ name: 'extracted_at', type: 'timestamptz' })
  extractedAt!: Date;
}
