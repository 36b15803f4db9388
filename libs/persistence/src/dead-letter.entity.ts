import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * A message a service gave up on (permanent error, invalid payload, or the last allowed delivery
 * failed). Every service keeps this table in its own schema, beside the `deadletter.<service>`
 * stream, so operators can query and replay failures with SQL. The natural key is the JetStream
 * delivery itself: a redelivered message updates its row instead of adding one.
 */
@Entity({ name: 'dead_letter' })
@Unique('dead_letter_service_subject_stream_seq_key', ['service', 'subject', 'streamSeq'])
export class DeadLetterEntity {
  /** bigint comes back from pg as a string; it is only an ordering handle, never arithmetic. */
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'BY DEFAULT' })
  id!: string;

  @Column({ type: 'text' })
  service!: string;

  @Column({ type: 'text' })
  subject!: string;

  /** JetStream stream sequence; fits a JavaScript number well beyond any realistic stream. */
  @Column({
    name: 'stream_seq',
    type: 'bigint',
    transformer: {
      to: (value: number) => value,
      from: (value: string | null) => (value === null ? null : Number(value)),
    },
  })
  streamSeq!: number;

  @Column({ type: 'integer' })
  deliveries!: number;

  /** Short machine-readable cause, e.g. `permanent`, `validation`, `max_deliver`. */
  @Column({ type: 'text' })
  reason!: string;

  /** Human-readable error message (and stack, if the caller chose to keep it). */
  @Column({ type: 'text' })
  error!: string;

  /** The message body as received, kept verbatim so the message can be replayed. */
  @Column({ type: 'text' })
  data!: string;

  @Column({ name: 'failed_at', type: 'timestamptz', default: () => 'now()' })
  failedAt!: Date;
}
