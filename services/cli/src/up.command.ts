import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import type { CommandIo } from './parse.command';
import { type IngestedGazette, runIngest } from './ingest.command';
import { PipelineApiRepository } from './pipeline-api.repository';

/**
 * `gazette up`: the main job. Makes sure the database exists, starts every service as a process of
 * its own (each migrates its schema at boot), ingests the sample gazettes with a progress display,
 * waits until every stage is done, prints a summary and leaves the API running until Ctrl-C.
 */

export interface UpOptions {
  root: string;
  samples: string;
  databaseUrl: string;
  natsUrl: string;
  apiPort: number;
  ingestionPort: number;
  timeoutMs: number;
  /** Stop after the summary instead of serving (for tests and CI). */
  exitAfterSummary: boolean;
  live: boolean;
}

export const SERVICES = ['ingestion', 'segmentation', 'extraction', 'appointments', 'notification', 'api'] as const;
const STARTUP_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 30_000;
const ZERO_GAZETTE = '0'.repeat(64);

export interface RunningService {
  name: string;
  process: ChildProcess;
  log: string;
  exited: Promise<number | null>;
}

/** The database named in the URL is created when missing; the services create their schemas. */
export async function ensureDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!name || !/^[a-z_][a-z0-9_]*$/i.test(name)) throw new Error(`DATABASE_URL names no usable database: ${name}`);
  url.pathname = '/postgres';
  const client = new Client({ connectionString: url.toString() });
  try {
    await client.connect();
  } catch (e) {
    throw new Error(`PostgreSQL is not reachable at ${url.host}: ${(e as Error).message}`);
  }
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!found.rowCount) await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}

export interface ServiceLaunch {
  root: string;
  databaseUrl: string;
  natsUrl: string;
  apiPort: number;
  ingestionPort: number;
  /** More environment for every service (a NATS namespace for a benchmark, say). */
  env?: NodeJS.ProcessEnv;
  /** HTTP ports of the other services (health, metrics), so that two runs can sit side by side. */
  stagePorts?: Partial<Record<(typeof SERVICES)[number], number>>;
}

export function startService(name: string, options: ServiceLaunch, logDir: string): RunningService {
  const entry = join(options.root, 'services', name, 'dist', 'main.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run npm run build (npm ci does it)`);
  const log = join(logDir, `${name}.log`);
  const out = createWriteStream(log, { flags: 'w' });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: options.databaseUrl,
    NATS_URL: options.natsUrl,
    ...options.env,
    ...(options.stagePorts?.[name as (typeof SERVICES)[number]] != null
      ? { HTTP_PORT: String(options.stagePorts[name as (typeof SERVICES)[number]]) }
      : {}),
    ...(name === 'api' ? { HTTP_PORT: String(options.apiPort) } : {}),
    ...(name === 'ingestion' ? { HTTP_PORT: String(options.ingestionPort) } : {}),
  };
  const child = spawn(process.execPath, [entry], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { name, process: child, log, exited };
}

function tail(file: string, lines = 15): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

export async function waitUntil(
  what: string,
  probe: () => Promise<boolean>,
  services: RunningService[],
  timeoutMs = STARTUP_TIMEOUT_MS,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let dead: RunningService | undefined;
  for (;;) {
    if (await probe()) return;
    dead = services.find((s) => s.process.exitCode != null);
    if (dead) throw new Error(`the ${dead.name} service stopped while starting:\n${tail(dead.log)}`);
    if (Date.now() > deadline) throw new Error(`${what} did not come up within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export async function stopAll(services: RunningService[]): Promise<void> {
  for (const s of services) if (s.process.exitCode == null) s.process.kill('SIGTERM');
  const timer = setTimeout(
    () => services.forEach((s) => s.process.exitCode == null && s.process.kill('SIGKILL')),
    STOP_TIMEOUT_MS,
  );
  await Promise.all(services.map((s) => s.exited));
  clearTimeout(timer);
}

async function summarise(pipeline: PipelineApiRepository, gazettes: IngestedGazette[], io: CommandIo): Promise<void> {
  const byKind = new Map<string, number>();
  let documents = 0;
  let regulations = 0;
  for (const g of gazettes) {
    const docs = await pipeline.documents({ gazette_id: g.gazetteId, limit: 500 });
    documents += docs.total;
    for (const d of docs.items) byKind.set(d.doc_type ?? '?', (byKind.get(d.doc_type ?? '?') ?? 0) + 1);
    regulations += (await pipeline.documents({ gazette_id: g.gazetteId, category: 'regulation', limit: 1 })).total;
  }
  const appointments = (await pipeline.appointments({ limit: 1 })).total;
  const kinds = [...byKind].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`);
  io.out('');
  io.out(`${gazettes.length} gazettes, ${documents} documents (${kinds.join(', ')})`);
  io.out(`${appointments} appointments recorded, ${regulations} regulations published`);
}

/** Every service answers: the API's health, the ingestion HTTP server, each stage's progress query. */
export async function waitForPipeline(
  pipeline: PipelineApiRepository,
  ingestionUrl: string,
  apiUrl: string,
  services: RunningService[],
  timeoutMs = STARTUP_TIMEOUT_MS,
): Promise<void> {
  await waitUntil('the API', () => pipeline.healthy(`${apiUrl}/health`), services, timeoutMs);
  await waitUntil(
    'the ingestion service',
    () => pipeline.reachable(`${ingestionUrl}/gazettes/${ZERO_GAZETTE}`),
    services,
    timeoutMs,
  );
  await waitUntil(
    'every stage',
    async () => {
      const p = await pipeline.progress(ZERO_GAZETTE).catch(() => null);
      return !!p && p.stages.every((s) => s.status !== 'unavailable');
    },
    services,
    timeoutMs,
  );
}

export async function runUp(
  options: UpOptions,
  io: CommandIo & { rewrite?: (lines: string[]) => void },
): Promise<number> {
  await ensureDatabase(options.databaseUrl);
  const logDir = join(options.root, '.gazette-watch', 'logs');
  mkdirSync(logDir, { recursive: true });
  const services: RunningService[] = [];
  const stop = async (): Promise<void> => {
    io.out('stopping the services…');
    await stopAll(services);
  };
  // An operator key for this session unless the operator brought one: replays and subscribers need it.
  const operatorKey = process.env.ADMIN_API_KEYS ? null : `local-${randomBytes(24).toString('base64url')}`;
  const launch: ServiceLaunch = operatorKey ? { ...options, env: { ADMIN_API_KEYS: operatorKey } } : options;
  try {
    for (const name of SERVICES) services.push(startService(name, launch, logDir));
    io.out(`started ${SERVICES.join(', ')} (logs in ${logDir})`);
    const apiUrl = `http://127.0.0.1:${options.apiPort}`;
    const ingestionUrl = `http://127.0.0.1:${options.ingestionPort}`;
    const pipeline = new PipelineApiRepository(ingestionUrl, apiUrl);
    await waitForPipeline(pipeline, ingestionUrl, apiUrl, services);
    io.out(`ingesting ${options.samples}`);
    const ingest = await runIngest(
      {
        paths: [options.samples],
        ingestionUrl,
        apiUrl,
        maxBytes: 50 * 1024 * 1024,
        timeoutMs: options.timeoutMs,
        live: options.live,
      },
      io,
    );
    if (ingest.code !== 0) {
      await stop();
      return ingest.code;
    }
    await summarise(pipeline, ingest.gazettes, io);
    io.out(`API: ${apiUrl}  (OpenAPI: ${apiUrl}/docs)`);
    if (options.exitAfterSummary) {
      await stop();
      return 0;
    }
    if (operatorKey) io.out(`operator key of this session: GAZETTE_ADMIN_KEY=${operatorKey}`);
    io.out(`live events: npx gazette watch --kind appointment   (replays: npx gazette replay --all)`);
    io.out('press Ctrl-C to stop');
    let stopping = false;
    const failed = await new Promise<boolean>((resolve) => {
      const onSignal = (): void => {
        stopping = true;
        resolve(false);
      };
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      for (const s of services) {
        void s.exited.then(() => {
          // Ctrl-C reaches the services too (one process group): their exit then is no failure.
          if (stopping) return;
          io.err(`gazette: the ${s.name} service stopped:\n${tail(s.log)}`);
          resolve(true);
        });
      }
    });
    await stop();
    return failed ? 1 : 0;
  } catch (e) {
    await stop();
    throw e;
  }
}
