import {
  replaySelectionOf,
  type ReplaySelection,
  type RpcReply,
  type RpcRequest,
  REPLAY_LIST_LIMIT,
} from '@gazette-watch/contracts';
import { describeError } from '@gazette-watch/messaging';
import { Injectable, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { GazetteEventsRepository } from '../gazette-events.repository';
import { GazetteRepository, type GazetteMetadata } from '../gazette.repository';
import { ReplayReportRepository } from '../replay-report.repository';
import { ReplayRunRepository } from '../replay-run.repository';
import { replayCorrelationId, replayRunId } from '../replay-run.rules';
import { ingestedPayloadOf } from './ingest-gazette.use-case';

export type StartReplayCommand = RpcRequest<'replay.start'>;
export type StartReplayReply = RpcReply<'replay.start'>;

/** Publishes overlap this much; each still waits for its PubAck before the run counts as published. */
const PUBLISH_BATCH = 32;
/** How many unknown ids a refusal names before it only counts the rest. */
const NAMED_UNKNOWN = 5;

/**
 * Starts a replay: the selected stored gazettes go through the current pipeline again, each by a
 * `gazette.ingested` carrying the run (`@replay:<run>` message ids, `replay_run` in the envelope).
 * The run is recorded before its first event, so every stage's report has a run to belong to. A
 * dry run only answers what would be replayed.
 */
@Injectable()
export class StartReplay {
  private readonly logger = new Logger(StartReplay.name);

  constructor(
    private readonly gazettes: GazetteRepository,
    private readonly runs: ReplayRunRepository,
    private readonly events: GazetteEventsRepository,
    private readonly reports: ReplayReportRepository,
  ) {}

  async execute(command: StartReplayCommand): Promise<StartReplayReply> {
    const selection = replaySelectionOf(command);
    const selected = await this.gazettes.selectForReplay(selection);
    const unknown = unknownGazettes(selection, selected);
    if (unknown.length > 0) {
      return { ok: false, error: { status: 404, message: unknownMessage(unknown) } };
    }

    const runId = replayRunId(new Date(), randomBytes(2).toString('hex'));
    // The reply lists the first gazettes only, so it fits one NATS message however large the run.
    const listed = selected.slice(0, REPLAY_LIST_LIMIT);
    const versions = await this.storedVersions(listed);
    const gazettes = listed.map((gazette) => ({
      gazette_id: gazette.gazetteId,
      file_name: gazette.fileName,
      ...(versions ? { pipeline_version_stored: versions.get(gazette.gazetteId) ?? null } : {}),
    }));
    const gazetteCount = selected.length;
    if (command.dry_run) {
      return { ok: true, result: { run_id: runId, dry_run: true, gazette_count: gazetteCount, gazettes } };
    }

    const correlationId = command.correlation_id ?? replayCorrelationId(runId);
    await this.runs.create({
      runId,
      selection,
      requestedBy: command.requested_by,
      gazetteIds: selected.map((gazette) => gazette.gazetteId),
      correlationId,
    });
    try {
      for (let i = 0; i < selected.length; i += PUBLISH_BATCH) {
        await Promise.all(
          selected
            .slice(i, i + PUBLISH_BATCH)
            .map((gazette) => this.events.publishIngested(ingestedPayloadOf(gazette), correlationId, runId)),
        );
      }
    } catch (error) {
      // The run stays on record as failed; starting another is the way to retry it.
      await this.runs.setStatus(runId, 'failed').catch(() => undefined);
      throw error;
    }
    await this.runs.setStatus(runId, 'published');
    this.logger.log(`replay ${runId}: ${selected.length} gazette(s) republished for ${command.requested_by}`);
    return { ok: true, result: { run_id: runId, dry_run: false, gazette_count: gazetteCount, gazettes } };
  }

  /** What segmentation holds now, for the operator to compare with the current version; none if it is slow. */
  private async storedVersions(selected: readonly GazetteMetadata[]): Promise<Map<string, string | null> | null> {
    if (selected.length === 0) return new Map();
    try {
      const reply = await this.reports.documents({ gazette_ids: selected.map((gazette) => gazette.gazetteId) });
      return new Map(reply.items.map((item) => [item.gazette_id, item.pipeline_version]));
    } catch (error) {
      this.logger.warn(`stored pipeline versions unknown: ${describeError(error)}`);
      return null;
    }
  }
}

/** The named gazettes that are not stored, in the order they were named. */
export function unknownGazettes(selection: ReplaySelection, selected: readonly GazetteMetadata[]): string[] {
  if (selection.by !== 'gazettes') return [];
  const stored = new Set(selected.map((gazette) => gazette.gazetteId));
  return selection.gazette_ids.filter((id) => !stored.has(id));
}

function unknownMessage(unknown: readonly string[]): string {
  const named = unknown.slice(0, NAMED_UNKNOWN).join(', ');
  const more = unknown.length > NAMED_UNKNOWN ? ` and ${unknown.length - NAMED_UNKNOWN} more` : '';
  return `no stored gazette ${named}${more}; nothing was replayed`;
}
