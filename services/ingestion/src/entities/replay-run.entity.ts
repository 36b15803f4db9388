import type { ReplayRunRecord, ReplaySelection } from '@gazette-watch/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One replay run an operator started (dry runs are not stored): what it selected, who asked, and
 * the gazettes whose `gazette.ingested` it republished. What each stage changed is kept by that
 * stage, per run; `replay.status` gathers it.
 */
@Entity({ name: 'replay_run' })
export class ReplayRunEntity {
  /** `r<yyyymmddhhmmss>-<4 hex>`; also the `@replay:<run>` suffix of every message id of the run. */
  @PrimaryColumn({ name: 'run_id', type: 'text' })
  runId!: string;

  @Column({ type: 'jsonb' })
  selection!: ReplaySelection;

  @Column({ name: 'dry_run', type: 'boolean', default: false })
  dryRun!: boolean;

  @Column({ name: 'requested_at', type: 'timestamptz', default: () => 'now()' })
  requestedAt!: Date;

  @Column({ name: 'requested_by', type: 'text' })
  requestedBy!: string;

  /** In the order their events were published. */
  @Column({ name: 'gazette_ids', type: 'jsonb' })
  gazetteIds!: string[];

  @Column({ type: 'text' })
  status!: ReplayRunRecord['status'];

  /** Carried by every event of the run (`replay:<run>` unless the operator gave one). */
  @Column({ name: 'correlation_id', type: 'text' })
  correlationId!: string;
}
