import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { CommandIo } from './parse.command';
import { InputFileError, readGazetteFile } from './parse.command';
import { type GazetteProgress, PipelineApiRepository, PipelineRequestError } from './pipeline-api.repository';

/**
 * `gazette ingest FILE|DIR...`: submits gazettes to the running pipeline and shows each one moving
 * through the stages until every stage is done (or the deadline passes).
 */

export interface IngestCommandOptions {
  paths: string[];
  ingestionUrl: string;
  apiUrl: string;
  maxBytes: number;
  /** Give up waiting for the stages after this long; the gazettes stay ingested. */
  timeoutMs: number;
  /** Rewrite the progress lines in place (a terminal) or print each change (a log). */
  live: boolean;
}

export interface IngestedGazette {
  file: string;
  gazetteId: string;
  duplicate: boolean;
  progress: GazetteProgress | null;
}

const GAZETTE_FILE = /\.(txt|html?|md)$/i;
const POLL_MS = 250;

/** The files named, directories expanded to the gazette files they hold (sorted). */
export async function expandPaths(paths: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => null);
    if (info?.isDirectory()) {
      const names = (await readdir(path)).filter((n) => GAZETTE_FILE.test(n)).sort();
      files.push(...names.map((n) => join(path, n)));
    } else {
      files.push(path);
    }
  }
  return files;
}

function stageCell(progress: GazetteProgress | null, stage: string): string {
  const s = progress?.stages.find((x) => x.stage === stage);
  if (!s) return `${stage} …`;
  if (s.status === 'unavailable') return `${stage} ?`;
  return s.expected != null ? `${stage} ${s.done}/${s.expected}` : `${stage} ${s.done}`;
}

const STAGES = ['ingestion', 'segmentation', 'extraction', 'appointments', 'notification'];

export function progressLine(gazette: IngestedGazette): string {
  const name = basename(gazette.file).padEnd(28);
  const flag = gazette.progress?.complete ? '✓' : '…';
  const cells = STAGES.map((stage) => stageCell(gazette.progress, stage)).join('  ');
  return `${flag} ${name} ${gazette.duplicate ? '(already had) ' : ''}${cells}`;
}

export async function runIngest(
  options: IngestCommandOptions,
  io: CommandIo & { rewrite?: (lines: string[]) => void },
): Promise<{ code: number; gazettes: IngestedGazette[] }> {
  const pipeline = new PipelineApiRepository(options.ingestionUrl, options.apiUrl);
  const gazettes: IngestedGazette[] = [];
  let failed = 0;
  for (const file of await expandPaths(options.paths)) {
    try {
      const bytes = await readGazetteFile(file, options.maxBytes);
      const result = await pipeline.ingest(basename(file), bytes);
      gazettes.push({ file, gazetteId: result.gazette_id, duplicate: result.duplicate, progress: null });
    } catch (e) {
      if (!(e instanceof InputFileError) && !(e instanceof PipelineRequestError)) throw e;
      io.err(`gazette: ${e instanceof PipelineRequestError ? `${file}: ` : ''}${e.message}`);
      failed++;
    }
  }

  const deadline = Date.now() + options.timeoutMs;
  const printed = new Map<string, string>();
  for (;;) {
    await Promise.all(
      gazettes.map(async (g) => {
        if (g.progress?.complete) return;
        g.progress = await pipeline.progress(g.gazetteId).catch(() => g.progress);
      }),
    );
    const lines = gazettes.map(progressLine);
    if (options.live && io.rewrite) io.rewrite(lines);
    else {
      gazettes.forEach((g, i) => {
        if (printed.get(g.gazetteId) !== lines[i]) io.out(lines[i]);
        printed.set(g.gazetteId, lines[i]);
      });
    }
    if (gazettes.every((g) => g.progress?.complete)) break;
    if (Date.now() > deadline) {
      io.err(
        `gazette: not every stage finished within ${Math.round(options.timeoutMs / 1000)} s; the gazettes stay ingested`,
      );
      return { code: 1, gazettes };
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return { code: failed ? 1 : 0, gazettes };
}
