import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as PipelineApiModule from '../services/cli/src/pipeline-api.repository';
import type * as UpCommandModule from '../services/cli/src/up.command';
import type { PipelineHarness, ServiceName } from './pipeline-harness';

const STARTUP_TIMEOUT_MS = 180_000;

/**
 * The pipeline as separate operating-system processes, the way `gazette up` runs it: each
 * service's built `dist/main.js` started through the CLI's own `startService`, any number of
 * replicas per service, in the database and namespace of a `PipelineHarness` (which then serves
 * only as the probe: stream counts, consumer state, rows). Processes can be killed outright,
 * which an in-process Nest app cannot: that is the point of this harness.
 */

const ROOT = join(__dirname, '..');
const CLI_DIST = join(ROOT, 'services', 'cli', 'dist');

export type UpCommand = typeof UpCommandModule;
export type ServiceProcess = UpCommandModule.RunningService;

/** The CLI's compiled modules, loaded from dist as the `gazette` bin runs them. */
export function loadBuiltCli(): {
  up: UpCommand;
  PipelineApiRepository: typeof PipelineApiModule.PipelineApiRepository;
} {
  if (!existsSync(join(CLI_DIST, 'up.command.js'))) {
    throw new Error('the CLI is not built: run `npm run build` (npm ci does it through prepare)');
  }
  return {
    up: require(join(CLI_DIST, 'up.command.js')) as UpCommand,
    PipelineApiRepository: (require(join(CLI_DIST, 'pipeline-api.repository.js')) as typeof PipelineApiModule)
      .PipelineApiRepository,
  };
}

export interface ServiceReplica {
  name: ServiceName;
  /** 0-based among the replicas of `name`. */
  replica: number;
  /** HTTP_PORT: the API or ingestion face, or the health and metrics endpoints of a consumer. */
  port: number;
  running: ServiceProcess;
}

export interface ProcessPipelineOptions {
  /** The first of a block of free ports; each replica gets its own. */
  basePort: number;
  replicas: Partial<Record<ServiceName, number>>;
}

export class ProcessPipeline {
  readonly replicas: ServiceReplica[] = [];
  readonly apiUrl: string;
  readonly ingestionUrl: string;
  readonly api: PipelineApiModule.PipelineApiRepository;
  private readonly logRoot = mkdtempSync(join(tmpdir(), 'gw-processes-'));

  constructor(
    private readonly harness: PipelineHarness,
    private readonly options: ProcessPipelineOptions,
    private readonly cli = loadBuiltCli(),
  ) {
    this.apiUrl = `http://127.0.0.1:${this.portOf('api', 0)}`;
    this.ingestionUrl = `http://127.0.0.1:${this.portOf('ingestion', 0)}`;
    this.api = new cli.PipelineApiRepository(this.ingestionUrl, this.apiUrl);
  }

  /** Ten ports per service, one per replica: ingestion basePort+0…, segmentation basePort+10…. */
  portOf(name: ServiceName, replica: number): number {
    const block = ['ingestion', 'segmentation', 'extraction', 'appointments', 'notification', 'api'].indexOf(name);
    if (replica >= 10) throw new RangeError('at most ten replicas per service');
    return this.options.basePort + block * 10 + replica;
  }

  /**
   * Starts every replica at once (replicas migrate under an advisory lock and provision the same
   * streams idempotently, so a simultaneous boot is part of what is tested), then waits until the
   * API, ingestion and every stage answer and every consumer replica reports itself ready.
   */
  async start(): Promise<void> {
    for (const [name, count] of Object.entries(this.options.replicas) as [ServiceName, number][]) {
      for (let replica = 0; replica < count; replica++) {
        const port = this.portOf(name, replica);
        // startService names its log after the service: a directory per replica keeps them apart.
        const logDir = join(this.logRoot, `${name}-${replica}`);
        mkdirSync(logDir, { recursive: true });
        const running = this.cli.up.startService(
          name,
          {
            root: ROOT,
            databaseUrl: this.harness.database.url,
            natsUrl: this.harness.natsUrl,
            apiPort: this.portOf('api', 0),
            ingestionPort: this.portOf('ingestion', 0),
            stagePorts: { [name]: port },
            env: {
              NATS_SUBJECT_PREFIX: this.harness.namespace.subjectPrefix,
              NATS_STREAM_PREFIX: this.harness.namespace.streamPrefix,
              LOG_LEVEL: process.env.TEST_LOGS ? 'info' : 'warn',
              LOG_FORMAT: 'json',
              RETRY_DELAY_MS: '100',
            },
          },
          logDir,
        );
        this.replicas.push({ name, replica, port, running });
      }
    }
    const all = this.replicas.map((r) => r.running);
    // Fourteen processes booting on two cores beside other test files: give them time to come up.
    await this.cli.up.waitForPipeline(this.api, this.ingestionUrl, this.apiUrl, all, STARTUP_TIMEOUT_MS);
    for (const r of this.replicas) {
      if (r.name === 'api' || r.name === 'ingestion') continue;
      await this.cli.up.waitUntil(
        `${r.name} replica ${r.replica}`,
        () => this.api.healthy(`http://127.0.0.1:${r.port}/health/ready`),
        all,
        STARTUP_TIMEOUT_MS,
      );
    }
  }

  of(name: ServiceName): ServiceReplica[] {
    return this.replicas.filter((r) => r.name === name);
  }

  /** SIGKILL: no shutdown hook runs, in-flight messages stay unacknowledged until ack_wait. */
  async kill(replica: ServiceReplica): Promise<NodeJS.Signals | null> {
    replica.running.process.kill('SIGKILL');
    await replica.running.exited;
    return replica.running.process.signalCode;
  }

  /** `gazette_messages_processed_total` of one consumer replica, all subjects together. */
  async processed(replica: ServiceReplica): Promise<number> {
    const response = await fetch(`http://127.0.0.1:${replica.port}/metrics`, { signal: AbortSignal.timeout(5_000) });
    const text = await response.text();
    return text
      .split('\n')
      .filter((line) => line.startsWith('gazette_messages_processed_total{'))
      .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
  }

  /** Replicas that exited although nobody killed them. */
  crashed(killed: readonly ServiceReplica[]): ServiceReplica[] {
    return this.replicas.filter(
      (r) => !killed.includes(r) && (r.running.process.exitCode != null || r.running.process.signalCode != null),
    );
  }

  /** Stops every process still running (SIGTERM, SIGKILL after 30 s); the logs go unless TEST_LOGS is set. */
  async stop(): Promise<void> {
    await this.cli.up.stopAll(this.replicas.map((r) => r.running));
    if (process.env.TEST_LOGS) console.info(`process logs kept in ${this.logRoot}`);
    else rmSync(this.logRoot, { recursive: true, force: true });
  }
}
