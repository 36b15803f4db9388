import {
  replaySelectorsSchema,
  replayStartedSchema,
  replayStatusSchema,
  type ReplayAppointmentRef,
  type ReplayDocumentRef,
  type ReplayGazetteStatus,
  type ReplaySelectors,
  type ReplayStarted,
  type ReplayStatus,
} from '@gazette-watch/contracts';
import type { z } from 'zod';
import type { CommandIo } from './parse.command';

/**
 * `gazette replay --gazette ID... | --all | --since DATE [--dry-run] [--no-wait]`: asks the API to
 * re-run stored gazettes through the current pipeline (an operator key in GAZETTE_ADMIN_KEY), then
 * follows the run until every gazette is done and prints what it changed.
 */

export interface ReplayCommandOptions {
  /** The API gateway, e.g. `http://127.0.0.1:3000`. */
  apiUrl: string;
  /** An operator key (GAZETTE_ADMIN_KEY); the command refuses to start without one. */
  adminKey: string | undefined;
  /** `--gazette ID`, repeatable. */
  gazetteIds: readonly string[];
  /** `--all` */
  all: boolean;
  /** `--since YYYY-MM-DD`: gazettes received on or after that day (UTC). */
  since?: string;
  /** `--dry-run`: list what would be replayed, publish nothing. */
  dryRun: boolean;
  /** False for `--no-wait`: print the run and return at once. */
  wait: boolean;
  /** Give up following the run after this long; the run itself goes on. */
  timeoutMs: number;
  /** Between two progress requests. Default 500. */
  pollMs?: number;
  /** Rewrite the progress lines in place (a terminal) or print each change (a log). */
  live?: boolean;
}

export type ReplayIo = CommandIo & { rewrite?: (lines: string[]) => void };

/** Exit codes: done (or started with --no-wait, or a dry run), failed or timed out, a usage mistake. */
export const REPLAY_EXIT = { done: 0, failed: 1, usage: 2 } as const;

const DEFAULT_POLL_MS = 500;
/** Gazettes shown while a run is followed; the totals cover the rest. */
const PROGRESS_PAGE = 100;
/** Gazettes asked for at a time for the final report (the most a page holds). */
const REPORT_PAGE = 500;
const REQUEST_TIMEOUT_MS = 30_000;

/** The API answered with an error, or not at all (`status` null). */
class ReplayRequestError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
  }
}

export async function runReplay(options: ReplayCommandOptions, io: ReplayIo): Promise<number> {
  if (!options.adminKey) {
    io.err('gazette: replay needs an operator API key in GAZETTE_ADMIN_KEY');
    return REPLAY_EXIT.usage;
  }
  const selectors = replaySelectors(options);
  if (typeof selectors === 'string') {
    io.err(`gazette: ${selectors}`);
    return REPLAY_EXIT.usage;
  }
  const api = new ReplayApi(options.apiUrl, options.adminKey);
  let started: ReplayStarted;
  try {
    started = await api.start(selectors);
  } catch (error) {
    io.err(`gazette: replay refused: ${(error as Error).message}`);
    return REPLAY_EXIT.failed;
  }
  for (const line of startedLines(started)) io.out(line);
  if (started.dry_run || !options.wait) return REPLAY_EXIT.done;
  return follow(api, started, options, io);
}

/** The command's flags as the API's body, or why they cannot be one. */
export function replaySelectors(
  options: Pick<ReplayCommandOptions, 'gazetteIds' | 'all' | 'since' | 'dryRun'>,
): z.infer<typeof replaySelectorsSchema> | string {
  const input: ReplaySelectors = {
    ...(options.gazetteIds.length > 0 ? { gazette_ids: [...options.gazetteIds] } : {}),
    ...(options.all ? { all: true } : {}),
    ...(options.since !== undefined ? { since: options.since } : {}),
    dry_run: options.dryRun,
  };
  const parsed = replaySelectorsSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const flags: Record<string, string> = { gazette_ids: '--gazette', all: '--all', since: '--since' };
  return parsed.error.issues
    .map((issue) => {
      const field = String(issue.path[0] ?? '');
      if (issue.code === 'custom') return 'name exactly one of --gazette ID, --all or --since DATE';
      return `${flags[field] ?? field}: ${field === 'gazette_ids' ? 'a gazette id is a sha256 hex digest (64 characters)' : issue.message}`;
    })
    .join('; ');
}

async function follow(api: ReplayApi, started: ReplayStarted, options: ReplayCommandOptions, io: ReplayIo) {
  const deadline = Date.now() + options.timeoutMs;
  const printed = new Map<string, string>();
  let last: ReplayStatus | null = null;
  let trouble: string | null = null;
  for (;;) {
    try {
      last = await api.status(started.run_id);
      trouble = null;
    } catch (error) {
      // The gateway or a stage may be briefly away; a refusal (4xx) will not mend by asking again.
      if (error instanceof ReplayRequestError && error.status !== null && error.status < 500) {
        io.err(`gazette: replay ${started.run_id}: ${error.message}`);
        return REPLAY_EXIT.failed;
      }
      trouble = (error as Error).message;
    }
    if (last) {
      const lines = last.gazettes.map(progressLine);
      if (options.live && io.rewrite) io.rewrite(lines);
      else {
        last.gazettes.forEach((gazette, i) => {
          if (printed.get(gazette.gazette_id) !== lines[i]) io.out(lines[i]);
          printed.set(gazette.gazette_id, lines[i]);
        });
      }
      if (last.complete) {
        let report = last;
        try {
          report = await api.wholeStatus(started.run_id, last);
        } catch (error) {
          io.err(`gazette: replay ${started.run_id}: the report beyond the first page: ${(error as Error).message}`);
        }
        for (const line of reportLines(report)) io.out(line);
        return REPLAY_EXIT.done;
      }
      if (last.run.status === 'failed') {
        io.err(`gazette: replay ${started.run_id} failed while publishing its gazettes; start another`);
        return REPLAY_EXIT.failed;
      }
    }
    if (Date.now() > deadline) {
      const why = trouble ? ` (last error: ${trouble})` : '';
      io.err(
        `gazette: replay ${started.run_id} not complete within ${Math.round(options.timeoutMs / 1000)} s${why}; ` +
          `the run goes on: GET /admin/replays/${started.run_id}`,
      );
      return REPLAY_EXIT.failed;
    }
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? DEFAULT_POLL_MS));
  }
}

/** What the run will replay. */
export function startedLines(started: ReplayStarted): string[] {
  const head = started.dry_run
    ? `dry run ${started.run_id}: would replay ${started.gazette_count} gazette(s); nothing was published`
    : `replay ${started.run_id}: ${started.gazette_count} gazette(s)`;
  const unlisted = started.gazette_count - started.gazettes.length;
  return [
    head,
    ...(unlisted > 0 ? [`  (the first ${started.gazettes.length} listed)`] : []),
    ...started.gazettes.map((gazette) => {
      const version = gazette.pipeline_version_stored;
      const stored = version === undefined ? '' : version === null ? '  (never segmented)' : `  (stored by ${version})`;
      return `  ${gazette.file_name}  ${gazette.gazette_id.slice(0, 12)}${stored}`;
    }),
  ];
}

/** One gazette's progress: documents through the appointments stage, and its changes so far. */
export function progressLine(gazette: ReplayGazetteStatus): string {
  const flag = gazette.done ? '✓' : '…';
  const documents =
    gazette.document_count === null
      ? 'waiting for segmentation'
      : `documents ${gazette.documents_recorded}/${gazette.document_count}`;
  return `${flag} ${gazette.file_name.padEnd(28)} ${documents}  ${counts(gazette.documents)} documents, ${counts(gazette.appointments)} appointments`;
}

/** The totals, then every changed fact under its gazette: `+` added, `-` removed, `~` changed. */
export function reportLines(status: ReplayStatus): string[] {
  const { totals } = status;
  const lines = [
    `replay ${status.run.run_id} complete: ${totals.done}/${totals.gazettes} gazette(s)`,
    `  documents:    ${spelled(totals.documents)}`,
    `  appointments: ${spelled(totals.appointments)}`,
  ];
  for (const gazette of status.gazettes) {
    const facts = [
      ...changeLines('+', gazette.documents.added, documentLine),
      ...changeLines('-', gazette.documents.removed, documentLine),
      ...changeLines('~', gazette.documents.changed, documentLine),
      ...changeLines('+', gazette.appointments.added, appointmentLine),
      ...changeLines('-', gazette.appointments.removed, appointmentLine),
      ...changeLines('~', gazette.appointments.changed, appointmentLine),
    ];
    if (facts.length > 0) lines.push(`  ${gazette.file_name}`, ...facts);
  }
  return lines;
}

function counts(changes: { added: unknown[]; removed: unknown[]; changed: unknown[] }): string {
  return `+${changes.added.length} -${changes.removed.length} ~${changes.changed.length}`;
}

function spelled(totals: { added: number; removed: number; changed: number }): string {
  return `${totals.added} added, ${totals.removed} removed, ${totals.changed} changed`;
}

function changeLines<T>(sign: string, refs: readonly T[], line: (ref: T) => string): string[] {
  return refs.map((ref) => `    ${sign} ${line(ref)}`);
}

function documentLine(ref: ReplayDocumentRef): string {
  return `document ${ref.document_id.slice(ref.document_id.lastIndexOf(':') + 1)}: ${ref.title}`;
}

function appointmentLine(ref: ReplayAppointmentRef): string {
  return `${ref.action === 'appoint' ? 'appointed' : 'removed'}: ${ref.person}, ${ref.position}`;
}

/** The API's admin replay endpoints, with the operator key. */
class ReplayApi {
  constructor(
    private readonly apiUrl: string,
    private readonly adminKey: string,
  ) {}

  async start(selectors: z.infer<typeof replaySelectorsSchema>): Promise<ReplayStarted> {
    const body = await this.request('/admin/replay', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(selectors),
    });
    return this.parse(replayStartedSchema, body);
  }

  /** The run's totals and, for following it, its first page of gazettes. */
  async status(runId: string, offset = 0, limit = PROGRESS_PAGE): Promise<ReplayStatus> {
    const path = `/admin/replays/${encodeURIComponent(runId)}?offset=${offset}&limit=${limit}`;
    return this.parse(replayStatusSchema, await this.request(path));
  }

  /** Every gazette of a complete run, page by page, for the report of what changed. */
  async wholeStatus(runId: string, first: ReplayStatus): Promise<ReplayStatus> {
    const gazettes = [...first.gazettes];
    while (gazettes.length < first.page.total) {
      const page = await this.status(runId, gazettes.length, REPORT_PAGE);
      if (page.gazettes.length === 0) break;
      gazettes.push(...page.gazettes);
    }
    return { ...first, gazettes, page: { offset: 0, limit: gazettes.length, total: first.page.total } };
  }

  private parse<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
    const result = schema.safeParse(body);
    if (!result.success) throw new ReplayRequestError('the API answered in an unexpected shape', null);
    return result.data;
  }

  private async request(path: string, init: RequestInit = {}): Promise<unknown> {
    const url = `${this.apiUrl.replace(/\/+$/, '')}${path}`;
    let response: Response;
    try {
      response = await fetch(url, {
        ...init,
        headers: { ...init.headers, authorization: `Bearer ${this.adminKey}` },
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      throw new ReplayRequestError(`${url}: ${cause ?? (error as Error).message}`, null);
    }
    const text = await response.text();
    if (!response.ok) throw new ReplayRequestError(`${response.status} ${errorMessageOf(text)}`, response.status);
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new ReplayRequestError(`${url}: the answer is not JSON`, null);
    }
  }
}

/** The gateway's `{message, issues?}`, one line; anything else as it came. */
function errorMessageOf(text: string): string {
  try {
    const body = JSON.parse(text) as { message?: unknown; issues?: Array<{ path?: unknown; message?: unknown }> };
    const message = typeof body.message === 'string' ? body.message : text;
    const issues = (body.issues ?? []).map((issue) =>
      issue.path ? `${String(issue.path)}: ${String(issue.message)}` : String(issue.message),
    );
    return issues.length > 0 && !message.includes(issues[0]) ? `${message} (${issues.join('; ')})` : message;
  } catch {
    return text.trim();
  }
}
