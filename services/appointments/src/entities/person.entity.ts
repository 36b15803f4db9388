import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A person as far as the gazettes let us tell people apart: a name within a region. Two people of
 * the same name in one region are one row; telling them apart needs data the notices do not print.
 */
@Entity({ name: 'person' })
export class PersonEntity {
  /** `<region>/<normalised name>`, see `personKey`. */
  @PrimaryColumn({ name: 'person_key', type: 'text' })
  personKey!: string;

  /** Normalised (NFKC, no whitespace). */
  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', nullable: true })
  region!: string | null;

  /** Earliest and latest `signed_on` of the person's records (null while none is dated). */
  @Column({ name: 'first_seen_on', type: 'text', nullable: true })
  firstSeenOn!: string | null;

  @Column({ name: 'last_seen_on', type: 'text', nullable: true })
  lastSeenOn!: string | null;

  /** The pipeline version of the last record that wrote the row; null on rows older than the column. */
  @Column({ name: 'pipeline_version', type: 'text', nullable: true })
  pipelineVersion!: string | null;
}
