import {
  type RpcReply,
  type ReplayGazetteStatus,
  type ReplayRunRecord,
  type ReplayStatus,
} from '@gazette-watch/contracts';

/**
 * The pure side of replay runs: how a run is named, and how the stages' reports add up to its
 * status. No I/O, so each rule is unit-tested on its own.
 */

/** `r<yyyymmddhhmmss>-<suffix>` in UTC: sorts by start time, and the suffix separates runs of one second. */
export function replayRunId(startedAt: Date, suffix: string): string {
  if (!/^[a-z0-9]{4}$/.test(suffix)) throw new RangeError(`replay run suffix "${suffix}" must be 4 of [a-z0-9]`);
  if (Number.isNaN(startedAt.getTime())) throw new RangeError('replay run start is not a valid date');
  const stamp = startedAt
    .toISOString()
    .replace(/\.\d{3}Z$/, '')
    .replace(/[-T:]/g, '');
  return `r${stamp}-${suffix}`;
}

/** `replay:<run>`: the correlation id of a run nobody named one for. */
export function replayCorrelationId(runId: string): string {
  return `replay:${runId}`;
}

export type DocumentsReportItem = RpcReply<'replay.documents-report'>['items'][number];
export type AppointmentsReportItem = RpcReply<'replay.appointments-report'>['items'][number];

/** What the stages answered; `null` for a stage that did not answer in time. */
export interface StageReports {
  documents: readonly DocumentsReportItem[] | null;
  appointments: readonly AppointmentsReportItem[] | null;
}

const NO_CHANGES = { added: [], removed: [], changed: [] };

/**
 * One gazette of a run: segmentation's document report and the appointments stage's changes. It
 * is done once the appointments stage has handled as many of its documents, for this run, as the
 * new parse has: every document then went through every stage that keeps facts.
 */
export function gazetteStatus(
  gazetteId: string,
  fileName: string,
  documents: DocumentsReportItem | undefined,
  appointments: AppointmentsReportItem | undefined,
): ReplayGazetteStatus {
  const report = documents?.report ?? null;
  const recorded = appointments?.documents_recorded ?? 0;
  return {
    gazette_id: gazetteId,
    file_name: fileName,
    document_count: report?.document_count ?? null,
    documents_recorded: recorded,
    pipeline_version: report?.pipeline_version ?? documents?.pipeline_version ?? null,
    documents: report ? { added: report.added, removed: report.removed, changed: report.changed } : NO_CHANGES,
    appointments: appointments
      ? { added: appointments.added, removed: appointments.removed, changed: appointments.changed }
      : NO_CHANGES,
    done: report !== null && appointments !== undefined && recorded >= report.document_count,
  };
}

/**
 * The run's status from the stages' reports. Complete when its events were all published, every
 * stage answered and every gazette is done; a run of no gazettes is complete once recorded.
 */
export function replayStatus(
  run: ReplayRunRecord,
  fileNames: ReadonlyMap<string, string>,
  reports: StageReports,
  page: { offset: number; limit: number } = { offset: 0, limit: run.gazette_ids.length || 1 },
): ReplayStatus {
  const documentsBy = new Map((reports.documents ?? []).map((item) => [item.gazette_id, item]));
  const appointmentsBy = new Map((reports.appointments ?? []).map((item) => [item.gazette_id, item]));
  const gazettes = run.gazette_ids.map((id) =>
    gazetteStatus(id, fileNames.get(id) ?? id, documentsBy.get(id), appointmentsBy.get(id)),
  );
  const unavailable = [
    ...(reports.documents === null ? ['segmentation'] : []),
    ...(reports.appointments === null ? ['appointments'] : []),
  ];
  const count = (pick: (g: ReplayGazetteStatus) => readonly unknown[]) =>
    gazettes.reduce((total, gazette) => total + pick(gazette).length, 0);
  const done = gazettes.filter((gazette) => gazette.done).length;
  const { gazette_ids: gazetteIds, ...record } = run;
  return {
    run: { ...record, gazette_count: gazetteIds.length },
    gazettes: gazettes.slice(page.offset, page.offset + page.limit),
    page: { offset: page.offset, limit: page.limit, total: gazettes.length },
    totals: {
      gazettes: gazettes.length,
      done,
      documents: {
        added: count((g) => g.documents.added),
        removed: count((g) => g.documents.removed),
        changed: count((g) => g.documents.changed),
      },
      appointments: {
        added: count((g) => g.appointments.added),
        removed: count((g) => g.appointments.removed),
        changed: count((g) => g.appointments.changed),
      },
    },
    complete: run.status === 'published' && unavailable.length === 0 && done === gazettes.length,
    unavailable,
  };
}
