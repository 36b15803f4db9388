import type { ReplayRunRecord, ReplaySelection } from '@gazette-watch/contracts';
import { TransientError } from '@gazette-watch/messaging';
import type { DataSource, Repository } from 'typeorm';
import { guardDatabase } from './database-outage.guard';
import { ReplayRunEntity } from './entities/replay-run.entity';

export interface NewReplayRun {
  runId: string;
  selection: ReplaySelection;
  requestedBy: string;
  gazetteIds: string[];
  correlationId: string;
}

/** The `replay_run` table: the runs this service started. */
export class ReplayRunRepository {
  private readonly repository: Repository<ReplayRunEntity>;

  constructor(dataSource: DataSource) {
    this.repository = dataSource.getRepository(ReplayRunEntity);
  }

  /** Records a run about to publish its events; `requested_at` is the database's clock. */
  async create(run: NewReplayRun): Promise<ReplayRunEntity> {
    return this.guard(async () => {
      await this.repository.insert({ ...run, dryRun: false, status: 'publishing' });
      const stored = await this.repository.findOneBy({ runId: run.runId });
      if (!stored) throw new TransientError(`replay run ${run.runId} vanished right after it was stored`);
      return stored;
    });
  }

  setStatus(runId: string, status: ReplayRunRecord['status']): Promise<void> {
    return this.guard(async () => {
      await this.repository.update({ runId }, { status });
    });
  }

  find(runId: string): Promise<ReplayRunEntity | null> {
    return this.guard(() => this.repository.findOneBy({ runId }));
  }

  private guard<T>(work: () => Promise<T>): Promise<T> {
    return guardDatabase(work);
  }
}

/** A stored run as the contracts show it. */
export function replayRunRecordOf(run: ReplayRunEntity): ReplayRunRecord {
  return {
    run_id: run.runId,
    selection: run.selection,
    dry_run: run.dryRun,
    requested_at: run.requestedAt.toISOString(),
    requested_by: run.requestedBy,
    gazette_ids: run.gazetteIds,
    status: run.status,
  };
}
