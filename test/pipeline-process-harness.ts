import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
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

/** A port nobody listens on right now, for a process that has to be told its HTTP_PORT up front. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface RestartableServiceOptions {
  name: ServiceName;
  databaseUrl: string;
  natsUrl: string;
  namespace: { subjectPrefix: string; streamPrefix: string };
  /** The service's own variables (a short retry schedule, say), the same for every start. */
  env?: NodeJS.ProcessEnv;
}

/** One process of a `RestartableService`: the n-th start, its HTTP_PORT and the child process. */
export interface ServiceLife {
  /** 0 for the first start, 1 for the process started after it… */
  generation: number;
  port: number;
  running: ServiceProcess;
}

/**
 * One service as a process of its own, in a database and namespace a test made for it, that the
 * test can kill outright and start again on the same database and namespace: what a killed
 * process left behind (rows, unacknowledged messages) is the next process's to take over. Each
 * start gets a fresh free HTTP_PORT and is ready once its `/health/ready` answers.
 */
export class RestartableService {
  readonly lives: ServiceLife[] = [];
  private readonly logRoot = mkdtempSync(join(tmpdir(), 'gw-restartable-'));

  constructor(
    private readonly options: RestartableServiceOptions,
    private readonly cli = loadBuiltCli(),
  ) {}

  /** The process started last, running or not. */
  get current(): ServiceLife {
    const life = this.lives.at(-1);
    if (!life) throw new Error(`${this.options.name} was never started`);
    return life;
  }

  /** Starts the next process (the previous one must be gone) and waits until it reports itself ready. */
  async start(timeoutMs = STARTUP_TIMEOUT_MS): Promise<ServiceLife> {
    const previous = this.lives.at(-1);
    if (previous && previous.running.process.exitCode == null && previous.running.process.signalCode == null) {
      throw new Error(`${this.options.name} generation ${previous.generation} is still running`);
    }
    const { name } = this.options;
    const generation = this.lives.length;
    const port = await freePort();
    const logDir = join(this.logRoot, `${name}-${generation}`);
    mkdirSync(logDir, { recursive: true });
    const running = this.cli.up.startService(
      name,
      {
        root: ROOT,
        databaseUrl: this.options.databaseUrl,
        natsUrl: this.options.natsUrl,
        apiPort: port,
        ingestionPort: port,
        stagePorts: { [name]: port },
        env: {
          NATS_SUBJECT_PREFIX: this.options.namespace.subjectPrefix,
          NATS_STREAM_PREFIX: this.options.namespace.streamPrefix,
          LOG_LEVEL: process.env.TEST_LOGS ? 'info' : 'warn',
          LOG_FORMAT: 'json',
          ...this.options.env,
        },
      },
      logDir,
    );
    const life: ServiceLife = { generation, port, running };
    this.lives.push(life);
    const probe = new this.cli.PipelineApiRepository(`http://127.0.0.1:${port}`, `http://127.0.0.1:${port}`);
    await this.cli.up.waitUntil(
      `${name} generation ${generation}`,
      () => probe.healthy(`http://127.0.0.1:${port}/health/ready`),
      [running],
      timeoutMs,
    );
    return life;
  }

  /** SIGKILL the running process: no shutdown hook runs, nothing in flight is settled. */
  async kill(): Promise<NodeJS.Signals | null> {
    const { running } = this.current;
    running.process.kill('SIGKILL');
    await running.exited;
    return running.process.signalCode;
  }

  /** Stops whatever still runs (SIGTERM, SIGKILL after 30 s); the logs go unless TEST_LOGS is set. */
  async stop(): Promise<void> {
    await this.cli.up.stopAll(this.lives.map((life) => life.running));
    if (process.env.TEST_LOGS) console.info(`process logs kept in ${this.logRoot}`);
    else rmSync(this.logRoot, { recursive: true, force: true });
  }
}
