import { existsSync } from 'node:fs';
import { connect } from 'nats';
import { Client } from 'pg';
import { redactUrl } from './sql-client';
import { natsConnectionOptions } from './nats-connection';

export interface TestInfrastructure {
  /** A PostgreSQL maintenance database; tests create their own databases on this server. */
  databaseUrl: string;
  /** NATS with JetStream; connect through `natsConnectionOptions(natsUrl)` (it may carry credentials). */
  natsUrl: string;
  kind: 'local' | 'containers';
}

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
export const DEFAULT_NATS_URL = 'nats://127.0.0.1:4222';

// Same major versions as the local services, so both modes exercise the same server behaviour.
const POSTGRES_IMAGE = 'postgres:15-alpine';
const NATS_IMAGE = 'nats:2.10-alpine';

/**
 * Pass to the `beforeAll`/`afterAll` that first call `testInfrastructure()` (directly or through
 * `createTestDatabase`/`createTemplateDatabase`) and `releaseTestInfrastructure()`: pulling and
 * starting containers takes far longer than jest's default 5 s hook timeout.
 */
export const TEST_INFRASTRUCTURE_TIMEOUT_MS = 180_000;

const DOCKER_SOCKET = '/var/run/docker.sock';
const DOCKER_PROBE_TIMEOUT_MS = 3000;
const REACHABILITY_TIMEOUT_MS = 3000;

interface Running {
  infrastructure: TestInfrastructure;
  stop(): Promise<void>;
}

// jest gives every test file a fresh module registry, so this memo lives exactly one test file:
// containers start once per file and every helper in that file shares them.
let running: Promise<Running> | undefined;

/**
 * Where the integration tests of this test file run.
 *
 * - `TESTCONTAINERS=1`: PostgreSQL and NATS (JetStream) containers; fails if no Docker engine answers.
 * - `TESTCONTAINERS=0`, or `DATABASE_URL`/`NATS_URL` set: the given (or default local) services.
 * - neither: containers when a Docker engine answers, the default local services otherwise.
 *
 * Unreachable infrastructure is an error, never a skipped test: CI must fail loudly.
 */
export function testInfrastructure(): Promise<TestInfrastructure> {
  running ??= start(process.env).catch((error: unknown) => {
    running = undefined;
    throw error;
  });
  return running.then((r) => r.infrastructure);
}

/** Stops this test file's containers (a no-op for local services); call it from `afterAll`. */
export async function releaseTestInfrastructure(): Promise<void> {
  const current = running;
  running = undefined;
  if (current) await (await current.catch(() => undefined))?.stop();
}

/** Resolves the infrastructure for the given environment without memoising it. */
export async function resolveTestInfrastructure(env: NodeJS.ProcessEnv): Promise<TestInfrastructure> {
  return (await start(env)).infrastructure;
}

async function start(env: NodeJS.ProcessEnv): Promise<Running> {
  if (env.TESTCONTAINERS === '1') {
    // Asked for explicitly: let testcontainers try every way it knows (rootless sockets,
    // ~/.testcontainers.properties) instead of requiring the default socket.
    const docker = await probeDocker({ onlyWithEngineHint: false });
    if (docker !== true) {
      throw new Error(
        `TESTCONTAINERS=1 but containers cannot be started: ${docker}. Start a Docker engine or unset TESTCONTAINERS`,
      );
    }
    return startContainers();
  }
  const explicit = env.DATABASE_URL !== undefined || env.NATS_URL !== undefined || env.TESTCONTAINERS === '0';
  let dockerState = 'not probed: DATABASE_URL/NATS_URL/TESTCONTAINERS=0 select local services';
  if (!explicit) {
    const docker = await probeDocker({ onlyWithEngineHint: true });
    if (docker === true) return startContainers();
    dockerState = docker;
  }
  const infrastructure: TestInfrastructure = {
    databaseUrl: env.DATABASE_URL ?? DEFAULT_DATABASE_URL,
    natsUrl: env.NATS_URL ?? DEFAULT_NATS_URL,
    kind: 'local',
  };
  const problems = (
    await Promise.all([checkPostgres(infrastructure.databaseUrl), checkNats(infrastructure.natsUrl)])
  ).filter((problem): problem is string => problem !== undefined);
  if (problems.length > 0) {
    throw new Error(
      `Test infrastructure unavailable: ${problems.join('; ')}. Docker: ${dockerState}. ` +
        'Start local PostgreSQL and NATS (with -js), point DATABASE_URL/NATS_URL at them, or run with a Docker engine.',
    );
  }
  return { infrastructure, stop: async () => undefined };
}

/** `true` when a Docker engine answers, otherwise why not. */
async function probeDocker(options: { onlyWithEngineHint: boolean }): Promise<true | string> {
  // Without a socket or DOCKER_HOST there is nothing to ask; skipping the probe keeps local runs
  // from waiting on testcontainers' runtime discovery.
  if (options.onlyWithEngineHint && !process.env.DOCKER_HOST && !existsSync(DOCKER_SOCKET)) {
    return `no ${DOCKER_SOCKET} and no DOCKER_HOST`;
  }
  let timer: NodeJS.Timeout | undefined;
  try {
    const { getContainerRuntimeClient } = await loadTestcontainers();
    await Promise.race([
      getContainerRuntimeClient(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no answer within ${DOCKER_PROBE_TIMEOUT_MS}ms`)),
          DOCKER_PROBE_TIMEOUT_MS,
        );
      }),
    ]);
    return true;
  } catch (error) {
    return error instanceof TestcontainersUnavailable ? error.message : `engine did not answer: ${reasonOf(error)}`;
  } finally {
    clearTimeout(timer);
  }
}

class TestcontainersUnavailable extends Error {}

/**
 * Loaded lazily: local runs never pay for (or depend on) the container runtime libraries. Loading
 * can fail on a Node older than testcontainers supports (12.x needs Node 22; the project pins 11.x
 * for Node 20), which must not be mistaken for a missing Docker engine.
 */
async function loadTestcontainers(): Promise<typeof import('testcontainers')> {
  try {
    return await import('testcontainers');
  } catch (error) {
    let engines = 'see its package.json engines';
    try {
      engines = `it requires Node ${(require('testcontainers/package.json') as { engines?: { node?: string } }).engines?.node}`;
    } catch {
      // The version hint is a courtesy; the load error below is what matters.
    }
    throw new TestcontainersUnavailable(
      `testcontainers cannot be loaded on Node ${process.version} (${engines}): ${reasonOf(error)}`,
      { cause: error },
    );
  }
}

async function startContainers(): Promise<Running> {
  await loadTestcontainers();
  const [{ PostgreSqlContainer }, { NatsContainer }] = await Promise.all([
    import('@testcontainers/postgresql'),
    import('@testcontainers/nats'),
  ]);
  const [postgresStart, natsStart] = await Promise.allSettled([
    new PostgreSqlContainer(POSTGRES_IMAGE).start(),
    new NatsContainer(NATS_IMAGE).withJetStream().start(),
  ]);
  if (postgresStart.status === 'rejected' || natsStart.status === 'rejected') {
    // Stop the one that did start rather than leave it to the reaper at the end of the worker.
    await Promise.allSettled(
      [postgresStart, natsStart].map((started) => (started.status === 'fulfilled' ? started.value.stop() : undefined)),
    );
    const failures = [postgresStart, natsStart]
      .map((started, index) =>
        started.status === 'rejected' ? `${index === 0 ? 'PostgreSQL' : 'NATS'}: ${reasonOf(started.reason)}` : '',
      )
      .filter(Boolean);
    throw new Error(`Starting the test containers failed (${failures.join('; ')})`);
  }
  const postgres = postgresStart.value;
  const nats = natsStart.value;
  const options = nats.getConnectionOptions();
  // NatsContainer always enables user/password auth; carry the credentials in the URL so that
  // the harness can keep handing NATS around as one string.
  const credentials =
    options.user !== undefined ? `${encodeURIComponent(options.user)}:${encodeURIComponent(options.pass ?? '')}@` : '';
  return {
    infrastructure: {
      databaseUrl: postgres.getConnectionUri(),
      natsUrl: `nats://${credentials}${String(options.servers)}`,
      kind: 'containers',
    },
    stop: async () => {
      await Promise.all([postgres.stop(), nats.stop()]);
    },
  };
}

async function checkPostgres(url: string): Promise<string | undefined> {
  try {
    const client = new Client({ connectionString: url, connectionTimeoutMillis: REACHABILITY_TIMEOUT_MS });
    await client.connect();
    await client.end();
    return undefined;
  } catch (error) {
    return `PostgreSQL at ${redactUrl(url)} is not reachable (${reasonOf(error)})`;
  }
}

async function checkNats(url: string): Promise<string | undefined> {
  let connection: Awaited<ReturnType<typeof connect>> | undefined;
  try {
    connection = await connect({ ...natsConnectionOptions(url), timeout: REACHABILITY_TIMEOUT_MS, reconnect: false });
  } catch (error) {
    return `NATS at ${redactUrl(url)} is not reachable (${reasonOf(error)})`;
  }
  try {
    // jetstreamManager() asks the server for the account info, which fails without JetStream.
    await connection.jetstreamManager();
    return undefined;
  } catch (error) {
    return `NATS at ${redactUrl(url)} answers but JetStream is not usable (${reasonOf(error)}); start nats-server with -js`;
  } finally {
    await connection.close();
  }
}

function reasonOf(error: unknown): string {
  if (error instanceof AggregateError) return error.errors.map(reasonOf).join(', ') || error.message;
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
