import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type NotificationKind = 'appointment' | 'regulation';

/**
 * One fact (an appointment or a regulation) as the notification service received and announced
 * it. The primary key is the fact's deterministic event id, so a redelivered or republished fact
 * finds its row instead of adding one, and is announced once.
 */
@Entity({ name: 'notification_event' })
@Index('notification_event_gazette_id_idx', ['gazetteId'])
export class NotificationEventEntity {
  /** `<type>:<natural key>` (see `eventMessageId`), without any replay suffix. */
  @PrimaryColumn({ name: 'event_id', type: 'text' })
  eventId!: string;

  @Column({ type: 'text' })
  kind!: NotificationKind;

  @Column({ name: 'gazette_id', type: 'text' })
  gazetteId!: string;

  @Column({ name: 'document_id', type: 'text' })
  documentId!: string;

  @Column({ type: 'text', nullable: true })
  region!: string | null;

  /** The regulation's 文种 (通知, 办法…); null for appointments. */
  @Column({ name: 'doc_type', type: 'text', nullable: true })
  docType!: string | null;

  /** The public subject the fact was announced on, without the namespace prefix. */
  @Column({ type: 'text' })
  subject!: string;

  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  @Column({ name: 'correlation_id', type: 'text' })
  correlationId!: string;

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt!: Date;

  /** 1 when first recorded; a later run that changes the fact's content adds one. */
  @Column({ type: 'integer', default: 1 })
  revision!: number;

  /** `factDigest` of the payload (null on rows older than revisions): what "changed" compares. */
  @Column({ type: 'text', nullable: true })
  digest!: string | null;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
