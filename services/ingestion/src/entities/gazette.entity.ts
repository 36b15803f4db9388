import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One gazette file as it was received. The id is the SHA-256 of the bytes, so the same file sent
 * twice is one row; the bytes stay here (not in `gazette.ingested`) and are fetched by id.
 */
@Entity({ name: 'gazette' })
export class GazetteEntity {
  @PrimaryColumn({ name: 'gazette_id', type: 'char', length: 64 })
  gazetteId!: string;

  /** Not selected by default: metadata queries must not drag megabytes along. */
  @Column({ type: 'bytea', select: false })
  bytes!: Buffer;

  @Column({ name: 'file_name', type: 'text' })
  fileName!: string;

  @Column({ name: 'media_type', type: 'text' })
  mediaType!: string;

  @Column({ name: 'byte_length', type: 'integer' })
  byteLength!: number;

  /** The encoding the parser's decoder detected (`utf-8`, `gb18030`…), kept for operators. */
  @Column({ type: 'text' })
  encoding!: string;

  @Column({ type: 'text', nullable: true })
  region!: string | null;

  @Column({ type: 'text', nullable: true })
  url!: string | null;

  /** `YYYY-MM-DD`; TypeORM hands `date` columns back as strings. */
  @Column({ name: 'published_on', type: 'date', nullable: true })
  publishedOn!: string | null;

  /** The request that first stored the file; later duplicates do not overwrite it. */
  @Column({ name: 'correlation_id', type: 'text' })
  correlationId!: string;

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt!: Date;
}
