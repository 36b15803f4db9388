import { readFile, stat } from 'node:fs/promises';
import { GazetteInputError, parseGazette, type GazetteParse } from '@gazette-watch/parser';
import { formatSummary } from './summary.formatter';

/** `gazette parse FILE... [--json | --summary]`. */

export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;

export interface ParseCommandOptions {
  files: string[];
  format: 'json' | 'summary';
  maxBytes: number;
}

export interface CommandIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

/** A file the command could not parse, with the one-line reason the user sees. */
export class InputFileError extends Error {}

export async function readGazetteFile(file: string, maxBytes: number): Promise<Buffer> {
  let info;
  try {
    info = await stat(file);
  } catch (e) {
    throw new InputFileError(`${file}: ${describeFsError(e)}`);
  }
  if (info.isDirectory()) throw new InputFileError(`${file}: is a directory, not a gazette file`);
  if (info.size > maxBytes) {
    throw new InputFileError(`${file}: ${info.size} bytes is over the ${maxBytes}-byte limit (--max-bytes)`);
  }
  try {
    return await readFile(file);
  } catch (e) {
    throw new InputFileError(`${file}: ${describeFsError(e)}`);
  }
}

function describeFsError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory, not a gazette file';
  return (e as Error)?.message ?? String(e);
}

export function parseFileBytes(file: string, bytes: Buffer): GazetteParse {
  try {
    return parseGazette(bytes, { source: file });
  } catch (e) {
    if (e instanceof GazetteInputError) throw new InputFileError(`${file}: ${e.message}`);
    throw e;
  }
}

/** Parses every file; a file that fails is reported and the others still run. Returns the exit code. */
export async function runParse(options: ParseCommandOptions, io: CommandIo): Promise<number> {
  let failed = 0;
  for (const file of options.files) {
    let result: GazetteParse;
    try {
      result = parseFileBytes(file, await readGazetteFile(file, options.maxBytes));
    } catch (e) {
      if (!(e instanceof InputFileError)) throw e;
      io.err(`gazette: ${e.message}`);
      failed++;
      continue;
    }
    if (options.format === 'json') {
      const json = { source: file, ...result };
      io.out(options.files.length === 1 ? JSON.stringify(json, null, 2) : JSON.stringify(json));
    } else {
      io.out(formatSummary(file, result));
    }
  }
  return failed ? 1 : 0;
}
