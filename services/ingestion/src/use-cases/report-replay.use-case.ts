import type { RpcReply, RpcRequest } from '@gazette-watch/contracts';
import { describeError } from '@gazette-watch/messaging';
import { Injectable, Logger } from '@nestjs/common';
import { GazetteRepository } from '../gazette.repository';
import { ReplayReportRepository } from '../replay-report.repository';
import { replayRunRecordOf, ReplayRunRepository } from '../replay-run.repository';
import { replayStatus } from '../replay-run.rules';

export type ReportReplayReply = RpcReply<'replay.status'>;

/**
 * `replay.status`: a run, what each of its gazettes changed and how far it has come, gathered from
 * the stages that keep the facts. A stage that does not answer in time is named as unavailable
 * rather than failing the whole answer: the caller polls again.
 */
@Injectable()
export class ReportReplay {
  private readonly logger = new Logger(ReportReplay.name);

  constructor(
    private readonly runs: ReplayRunRepository,
    private readonly gazettes: GazetteRepository,
    private readonly reports: ReplayReportRepository,
  ) {}

  async execute(query: RpcRequest<'replay.status'>): Promise<ReportReplayReply> {
    const run = await this.runs.find(query.run_id);
    if (!run) return { ok: false, error: { status: 404, message: `no replay run ${query.run_id}` } };
    const ids = run.gazetteIds;
    const selected = await this.gazettes.selectForReplay({ by: 'gazettes', gazette_ids: ids });
    const fileNames = new Map(selected.map((gazette) => [gazette.gazetteId, gazette.fileName]));
    if (ids.length === 0) {
      return {
        ok: true,
        result: replayStatus(replayRunRecordOf(run), fileNames, { documents: [], appointments: [] }, query),
      };
    }
    const request = { run_id: run.runId, gazette_ids: ids };
    const [documents, appointments] = await Promise.all([
      this.reports.documents(request).then(
        (reply) => reply.items,
        (error: unknown) => this.unanswered('segmentation', error),
      ),
      this.reports.appointments(request).then(
        (reply) => reply.items,
        (error: unknown) => this.unanswered('appointments', error),
      ),
    ]);
    return { ok: true, result: replayStatus(replayRunRecordOf(run), fileNames, { documents, appointments }, query) };
  }

  private unanswered(stage: string, error: unknown): null {
    this.logger.warn(`replay status without ${stage}: ${describeError(error)}`);
    return null;
  }
}
