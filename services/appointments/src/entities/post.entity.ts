import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A post (an organisation and a title in it), keyed by the rules' `parsePost(...).key`. */
@Entity({ name: 'post' })
export class PostEntity {
  @PrimaryColumn({ name: 'post_key', type: 'text' })
  postKey!: string;

  /** As printed ("市政府"). */
  @Column({ type: 'text' })
  organisation!: string;

  /** With the region's short forms resolved ("吕梁市人民政府"). */
  @Column({ name: 'organisation_full', type: 'text' })
  organisationFull!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text', nullable: true })
  region!: string | null;

  /** The pipeline version of the last record that wrote the row; null on rows older than the column. */
  @Column({ name: 'pipeline_version', type: 'text', nullable: true })
  pipelineVersion!: string | null;
}
