import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { parse, parseAllDocuments } from 'yaml';
import type { z } from 'zod';
import { baseConfigSchema, describeConfig } from '@gazette-watch/config';
import { STREAMS, SUBJECTS, streamFor } from '@gazette-watch/contracts';
import { apiConfigSchema } from '../services/api/src/api.config';
import { appointmentsConfigSchema } from '../services/appointments/src/appointments.config';
import { extractionConfigSchema } from '../services/extraction/src/extraction.config';
import { ingestionConfigSchema } from '../services/ingestion/src/ingestion.config';
import { notificationConfigSchema } from '../services/notification/src/notification.config';
import { segmentationConfigSchema } from '../services/segmentation/src/segmentation.config';

/**
 * The deployment files (deploy/) checked against the code, without Docker or a cluster: service
 * names and HTTP ports from the config schemas, every environment variable known to (and valid
 * for) the service it is given to, probes on the health endpoints, KEDA scalers on the real
 * streams and durable consumers, NATS fsyncing every write, the image's stages and entrypoint.
 */

const ROOT = join(__dirname, '..');
const DEPLOY = join(ROOT, 'deploy');

const SCHEMAS = {
  ingestion: ingestionConfigSchema,
  segmentation: segmentationConfigSchema,
  extraction: extractionConfigSchema,
  appointments: appointmentsConfigSchema,
  notification: notificationConfigSchema,
  api: apiConfigSchema,
} satisfies Record<string, z.ZodObject>;
type Service = keyof typeof SCHEMAS;
const SERVICES = Object.keys(SCHEMAS) as Service[];

/** `gazette migrate` reads DATABASE_URL only. */
const MIGRATE_SCHEMA = baseConfigSchema.pick({ DATABASE_URL: true });

type Env = Record<string, string>;

function httpPortOf(service: Service): number {
  const port = describeConfig(SCHEMAS[service]).find((v) => v.name === 'HTTP_PORT')?.default;
  if (!port) throw new Error(`${service} has no HTTP_PORT default in its config schema`);
  return Number(port);
}

/** Every variable is one the schema knows (no typos), every required one is set, and all parse. */
function expectValidEnvironment(what: string, schema: z.ZodObject, env: Env): void {
  const variables = describeConfig(schema);
  const known = new Set(variables.map((v) => v.name));
  expect({ what, unknown: Object.keys(env).filter((name) => !known.has(name)) }).toEqual({ what, unknown: [] });
  const missing = variables.filter((v) => v.required && env[v.name] === undefined).map((v) => v.name);
  expect({ what, missing }).toEqual({ what, missing: [] });
  const parsed = schema.safeParse(env);
  expect({
    what,
    issues: parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
  }).toEqual({ what, issues: [] });
}

/** The streams a service consumes, from its handlers' `@EventPattern`s. */
function consumedStreams(service: Service): string[] {
  const src = join(ROOT, 'services', service, 'src');
  const streams = new Set<string>();
  for (const file of readdirSync(src).filter((f) => f.endsWith('.handler.ts'))) {
    const text = readFileSync(join(src, file), 'utf8');
    for (const match of text.matchAll(/@EventPattern\(\s*(?:SUBJECTS\.(\w+)|'([^']+)')\s*\)/g)) {
      const subject = match[1] ? SUBJECTS[match[1] as keyof typeof SUBJECTS] : match[2];
      streams.add(streamFor(subject).name);
    }
  }
  return [...streams].sort();
}

const CONSUMERS = SERVICES.filter((s) => consumedStreams(s).length > 0);

function readYamlDocuments(file: string): unknown[] {
  return parseAllDocuments(readFileSync(file, 'utf8'), { merge: true }).map((doc) => {
    if (doc.errors.length) throw new Error(`${file}: ${doc.errors.map((e) => e.message).join('; ')}`);
    return doc.toJS();
  });
}

// ---------------------------------------------------------------------------------------------
// Kubernetes shapes, only the fields checked here.

interface Metadata {
  name: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}
interface Probe {
  httpGet?: { path: string; port: string | number };
}
interface Container {
  name: string;
  image: string;
  args?: string[];
  ports?: { name?: string; containerPort: number }[];
  env?: { name: string; value?: string; valueFrom?: unknown }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: { allowPrivilegeEscalation?: boolean; runAsNonRoot?: boolean };
}
interface PodTemplate {
  metadata: Metadata;
  spec: { securityContext?: { runAsNonRoot?: boolean; runAsUser?: number }; containers: Container[] };
}
interface Resource {
  apiVersion: string;
  kind: string;
  metadata: Metadata;
  data?: Env;
  stringData?: Env;
  spec?: {
    replicas?: number;
    selector?: { matchLabels?: Record<string, string> } | Record<string, string>;
    template?: PodTemplate;
    ports?: { name?: string; port: number; targetPort?: string | number }[];
    scaleTargetRef?: { name: string };
    minReplicaCount?: number;
    maxReplicaCount?: number;
    triggers?: { type: string; metadata: Record<string, string> }[];
  };
}
interface Kustomization {
  namespace?: string;
  resources?: string[];
  patches?: { path?: string; patch?: string }[];
  images?: { name: string; newName?: string; newTag?: string }[];
  replicas?: { name: string; count: number }[];
}

const K8S = join(DEPLOY, 'k8s');

function readKustomization(dir: string): Kustomization {
  return parse(readFileSync(join(dir, 'kustomization.yaml'), 'utf8')) as Kustomization;
}

/** The resources of a kustomization's own files (not its bases). */
function ownResources(dir: string): Resource[] {
  return (readKustomization(dir).resources ?? [])
    .map((entry) => join(dir, entry))
    .filter((path) => statSync(path).isFile())
    .flatMap((file) => readYamlDocuments(file) as Resource[]);
}

const base = ownResources(join(K8S, 'base'));
const ofKind = (kind: string): Resource[] => base.filter((r) => r.kind === kind);
const named = (kind: string, name: string): Resource => {
  const found = ofKind(kind).find((r) => r.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name} in deploy/k8s/base`);
  return found;
};

/** A container's environment as the pod sees it: envFrom ConfigMaps and Secrets, then env. */
function containerEnv(container: Container): Env {
  const env: Env = {};
  for (const from of container.envFrom ?? []) {
    const source = from.configMapRef
      ? named('ConfigMap', from.configMapRef.name).data
      : from.secretRef
        ? named('Secret', from.secretRef.name).stringData
        : undefined;
    if (!source) throw new Error(`${container.name}: envFrom without a ConfigMap or Secret of the base`);
    Object.assign(env, source);
  }
  for (const variable of container.env ?? []) {
    if (variable.value === undefined) throw new Error(`${container.name}: ${variable.name} has no literal value`);
    env[variable.name] = variable.value;
  }
  return env;
}

// ---------------------------------------------------------------------------------------------

describe('deploy: the image', () => {
  const dockerfile = readFileSync(join(DEPLOY, 'docker', 'Dockerfile'), 'utf8');
  // Continuation lines joined, comments dropped: one instruction per entry.
  const instructions = dockerfile
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const stages = new Map<string, string[]>();
  let current: string[] = [];
  for (const line of instructions) {
    const from = /^FROM\s+\S+(?:\s+AS\s+(\S+))?$/i.exec(line);
    if (from) {
      current = [];
      stages.set(from[1] ?? `#${stages.size}`, current);
    }
    current.push(line);
  }
  const stage = (name: string): string[] => {
    const found = stages.get(name);
    if (!found) throw new Error(`the Dockerfile has no stage ${name}`);
    return found;
  };
  const runtime = [...stages.values()].at(-1) ?? [];

  const workspaces = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).workspaces as string[]).flatMap(
    (pattern) => {
      const parent = pattern.replace(/\/\*$/, '');
      return readdirSync(join(ROOT, parent)).map((name) => `${parent}/${name}`);
    },
  );
  const manifestOf = (workspace: string) =>
    JSON.parse(readFileSync(join(ROOT, workspace, 'package.json'), 'utf8')) as {
      name: string;
      dependencies?: Record<string, string>;
    };

  it('installs, builds, and keeps only production dependencies in a final non-root stage', () => {
    expect([...stages.keys()]).toEqual(expect.arrayContaining(['deps', 'build', 'prod-deps', 'runtime']));
    expect(stage('deps').some((l) => /^RUN .*npm ci\b(?!.*--omit=dev)/.test(l))).toBe(true);
    expect(stage('build').some((l) => /^RUN npm run build$/.test(l))).toBe(true);
    expect(stage('prod-deps').some((l) => /^RUN .*npm ci .*--omit=dev/.test(l))).toBe(true);
    expect(runtime[0]).toMatch(/ AS runtime$/);
    expect(runtime.some((l) => /^COPY --from=prod-deps /.test(l))).toBe(true);
    expect(runtime.some((l) => /^COPY --from=(deps|build) \/app\/node_modules/.test(l))).toBe(false);
    const user = runtime.filter((l) => l.startsWith('USER ')).at(-1);
    expect(user).toBeDefined();
    const [uid] = (user ?? '').slice(5).trim().split(':');
    // Numeric, so that Kubernetes can check runAsNonRoot; not root.
    expect(uid).toMatch(/^\d+$/);
    expect(Number(uid)).toBeGreaterThan(0);
    expect(runtime.find((l) => l.startsWith('ENTRYPOINT '))).toMatch(/entrypoint\.js/);
    expect(runtime.find((l) => l.startsWith('HEALTHCHECK '))).toMatch(/healthcheck\.js.*\/health\/live/);
  });

  it("copies every workspace's manifest for npm ci, and the dist of everything the services run", () => {
    const copied = instructions.filter((l) => l.startsWith('COPY '));
    for (const workspace of workspaces) {
      expect(copied).toContainEqual(expect.stringMatching(new RegExp(`^COPY ${workspace}/package\\.json `)));
    }
    // The services and the CLI, and every workspace they depend on, transitively.
    const byName = new Map(workspaces.map((w) => [manifestOf(w).name, w]));
    const needed = new Set<string>();
    const visit = (workspace: string): void => {
      if (needed.has(workspace)) return;
      needed.add(workspace);
      for (const dependency of Object.keys(manifestOf(workspace).dependencies ?? {})) {
        const local = byName.get(dependency);
        if (local) visit(local);
      }
    };
    [...SERVICES, 'cli'].forEach((service) => visit(`services/${service}`));
    for (const workspace of needed) {
      expect(runtime).toContainEqual(`COPY --from=build /app/${workspace}/dist ${workspace}/dist`);
    }
    expect(runtime).toContainEqual(expect.stringMatching(/^COPY services\/cli\/bin /));
    for (const file of ['entrypoint.js', 'healthcheck.js']) {
      expect(existsSync(join(DEPLOY, 'docker', file))).toBe(true);
      expect(runtime).toContainEqual(expect.stringMatching(new RegExp(`^COPY .*deploy/docker/${file}`)));
    }
  });

  it('keeps local installs and builds out of the build context', () => {
    const ignored = readFileSync(join(ROOT, '.dockerignore'), 'utf8').split('\n');
    for (const entry of ['**/node_modules', '**/dist', '**/*.tsbuildinfo', '.git', '.gazette-watch', '**/coverage']) {
      expect(ignored).toContain(entry);
    }
  });

  it('has an entrypoint that knows every service and its HTTP_PORT default, and migrate', async () => {
    const entrypoint = join(DEPLOY, 'docker', 'entrypoint.js');
    const { SERVICES: known } = require(entrypoint) as { SERVICES: Record<string, number> };
    expect(known).toEqual(Object.fromEntries(SERVICES.map((s) => [s, httpPortOf(s)])));
    const usage = await promisify(execFile)(process.execPath, [entrypoint]).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect(usage).toMatchObject({ code: 64 });
    for (const service of [...SERVICES, 'migrate']) expect((usage as { stderr: string }).stderr).toContain(service);
    const unknown = await promisify(execFile)(process.execPath, [entrypoint, 'segmentaton']).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect(unknown).toMatchObject({ code: 64, stderr: expect.stringContaining('unknown command segmentaton') });
  });

  describe('health check', () => {
    let server: Server;
    let port: number;
    beforeAll(async () => {
      server = createServer((request, response) => {
        response.statusCode = request.url === '/health/live' ? 200 : 503;
        response.end();
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as AddressInfo).port;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    const check = (path: string, httpPort: number) =>
      promisify(execFile)(process.execPath, [join(DEPLOY, 'docker', 'healthcheck.js'), path], {
        env: { ...process.env, HTTP_PORT: String(httpPort) },
      }).then(
        () => 0,
        (e: { code: number }) => e.code,
      );

    it('passes on a 2xx, fails on another status or when nothing listens', async () => {
      expect(await check('/health/live', port)).toBe(0);
      expect(await check('/health/ready', port)).toBe(1);
      const closed = createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const freePort = (closed.address() as AddressInfo).port;
      await new Promise<void>((resolve) => closed.close(() => resolve()));
      expect(await check('/health/live', freePort)).toBe(1);
    });
  });
});

describe('deploy: compose', () => {
  const composeFile = join(DEPLOY, 'compose', 'compose.yaml');
  interface ComposeService {
    image?: string;
    build?: { context: string; dockerfile: string };
    command?: string[];
    environment?: Record<string, string | number | boolean>;
    ports?: string[];
    volumes?: string[];
    healthcheck?: { test: string[] };
    depends_on?: Record<string, { condition: string }>;
    deploy?: { replicas?: number };
    restart?: string;
  }
  const compose = readYamlDocuments(composeFile)[0] as {
    services: Record<string, ComposeService>;
    volumes: Record<string, unknown>;
  };
  /** `${NAME:-default}` as compose interpolates it with NAME unset; a variable without a default is a mistake. */
  const interpolate = (value: string | number | boolean): string =>
    String(value).replace(/\$\{(\w+)(?::-([^}]*))?\}/g, (_all, name: string, fallback?: string) => {
      if (fallback === undefined) throw new Error(`compose.yaml: \${${name}} has no default`);
      return fallback;
    });
  const environmentOf = (service: ComposeService): Env =>
    Object.fromEntries(Object.entries(service.environment ?? {}).map(([k, v]) => [k, interpolate(v)]));
  const natsConf = readFileSync(join(DEPLOY, 'compose', 'nats.conf'), 'utf8');

  it('runs NATS 2.10+ with JetStream fsyncing every write, on a named volume', () => {
    const nats = compose.services.nats;
    const version = /^nats:(\d+)\.(\d+)/.exec(nats.image ?? '');
    expect(version).not.toBeNull();
    expect(Number(version?.[1]) * 100 + Number(version?.[2])).toBeGreaterThanOrEqual(210);
    const jetstream = /^jetstream\s*\{([^}]*)\}/m.exec(natsConf)?.[1] ?? '';
    expect(jetstream).toMatch(/^\s*sync_interval:\s*always\s*$/m);
    const storeDir = /^\s*store_dir:\s*(\S+)\s*$/m.exec(jetstream)?.[1];
    expect(storeDir).toBeDefined();
    const mounts = (nats.volumes ?? []).map((v) => v.split(':'));
    const conf = mounts.find(([source]) => source === './nats.conf');
    expect(conf).toBeDefined();
    expect(nats.command?.join(' ')).toContain(conf?.[1]);
    const store = mounts.find(([, target]) => target === storeDir);
    expect(Object.keys(compose.volumes)).toContain(store?.[0]);
    expect(nats.healthcheck).toBeDefined();
  });

  it('runs PostgreSQL 15 on a named volume with a health check', () => {
    const postgres = compose.services.postgres;
    expect(postgres.image).toMatch(/^postgres:15\b/);
    expect(postgres.healthcheck?.test.join(' ')).toContain('pg_isready');
    const data = (postgres.volumes ?? [])
      .map((v) => v.split(':'))
      .find(([, target]) => target.startsWith('/var/lib/postgresql'));
    expect(Object.keys(compose.volumes)).toContain(data?.[0]);
  });

  it('migrates once, after PostgreSQL is healthy', () => {
    const migrate = compose.services.migrate;
    expect(migrate.command).toEqual(['migrate']);
    expect(migrate.restart).toBe('no');
    expect(migrate.depends_on?.postgres).toEqual({ condition: 'service_healthy' });
    expectValidEnvironment('compose migrate', MIGRATE_SCHEMA, environmentOf(migrate));
  });

  it('builds every service from the Dockerfile of this repository', () => {
    for (const name of [...SERVICES, 'migrate']) {
      const service = compose.services[name];
      expect(service.image).toBeDefined();
      expect(service.build).toBeDefined();
      expect(existsSync(join(dirname(composeFile), service.build!.context, service.build!.dockerfile))).toBe(true);
    }
  });

  it.each(SERVICES)('runs %s with its environment, readiness check, replicas and ports', (name) => {
    expect(Object.keys(compose.services).sort()).toEqual([...SERVICES, 'migrate', 'nats', 'postgres'].sort());
    const service = compose.services[name];
    expect(service.command).toEqual([name]);
    const env = environmentOf(service);
    expectValidEnvironment(`compose ${name}`, SCHEMAS[name], env);
    expect(Number(env.HTTP_PORT)).toBe(httpPortOf(name));
    expect(service.healthcheck?.test).toEqual(['CMD', 'node', '/app/deploy/docker/healthcheck.js', '/health/ready']);
    expect(service.deploy?.replicas).toBeGreaterThanOrEqual(1);
    expect(service.depends_on?.nats).toEqual({ condition: 'service_healthy' });
    if (env.DATABASE_URL) {
      expect(service.depends_on?.migrate).toEqual({ condition: 'service_completed_successfully' });
      // The migrate job ran the migrations; replicas must not race to do it again.
      expect(env.MIGRATE_ON_BOOT).toBe('false');
      expect(env.DATABASE_URL).toBe(environmentOf(compose.services.migrate).DATABASE_URL);
    }
    const published = name === 'api' || name === 'ingestion' ? [`${httpPortOf(name)}:${httpPortOf(name)}`] : [];
    expect(service.ports ?? []).toEqual(published);
  });

  it('scales the busiest consumers out', () => {
    expect(compose.services.segmentation.deploy?.replicas).toBeGreaterThanOrEqual(2);
    expect(compose.services.extraction.deploy?.replicas).toBeGreaterThanOrEqual(2);
  });
});

describe('deploy: kubernetes', () => {
  const kustomizations = [join(K8S, 'base'), join(K8S, 'overlays', 'local')];

  it.each(kustomizations.map((dir) => [dir.slice(DEPLOY.length + 1), dir]))(
    '%s references files that exist',
    (_name, dir) => {
      const kustomization = readKustomization(dir);
      for (const entry of kustomization.resources ?? []) {
        const path = join(dir, entry);
        expect(existsSync(path)).toBe(true);
        if (statSync(path).isDirectory()) expect(existsSync(join(path, 'kustomization.yaml'))).toBe(true);
      }
      for (const patch of kustomization.patches ?? []) {
        if (patch.path) expect(existsSync(join(dir, patch.path))).toBe(true);
      }
      // Every YAML file of the folder is used: a resource or a patch nobody lists is a mistake.
      const listed = new Set([...(kustomization.resources ?? []), ...(kustomization.patches ?? []).map((p) => p.path)]);
      for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml')) {
        expect({ file, listed: listed.has(file) }).toEqual({ file, listed: true });
      }
    },
  );

  it('puts everything in its namespace', () => {
    const kustomization = readKustomization(join(K8S, 'base'));
    expect(named('Namespace', kustomization.namespace ?? '')).toBeDefined();
  });

  it.each(SERVICES)('deploys %s with its environment, port, probes, resources and non-root user', (name) => {
    expect(
      ofKind('Deployment')
        .map((d) => d.metadata.name)
        .sort(),
    ).toEqual([...SERVICES].sort());
    const deployment = named('Deployment', name);
    const template = deployment.spec?.template as PodTemplate;
    expect((deployment.spec?.selector as { matchLabels: Record<string, string> }).matchLabels).toEqual(
      expect.objectContaining({ 'app.kubernetes.io/name': name }),
    );
    expect(template.metadata.labels?.['app.kubernetes.io/name']).toBe(name);
    expect(template.spec.containers).toHaveLength(1);
    const [container] = template.spec.containers;
    expect(container.image).toBe('gazette-watch');
    expect(container.args).toEqual([name]);

    const env = containerEnv(container);
    expectValidEnvironment(`k8s ${name}`, SCHEMAS[name], env);
    const port = httpPortOf(name);
    expect(Number(env.HTTP_PORT)).toBe(port);
    if (env.DATABASE_URL) expect(env.MIGRATE_ON_BOOT).toBe('false');
    const http = container.ports?.find((p) => p.name === 'http');
    expect(http?.containerPort).toBe(port);
    const probePort = (probe?: Probe) => {
      const target = probe?.httpGet?.port;
      return typeof target === 'string' ? container.ports?.find((p) => p.name === target)?.containerPort : target;
    };
    expect(container.livenessProbe?.httpGet?.path).toBe('/health/live');
    expect(probePort(container.livenessProbe)).toBe(port);
    expect(container.readinessProbe?.httpGet?.path).toBe('/health/ready');
    expect(probePort(container.readinessProbe)).toBe(port);

    for (const kind of ['requests', 'limits'] as const) {
      expect(Object.keys(container.resources?.[kind] ?? {}).sort()).toEqual(['cpu', 'memory']);
    }
    expect(template.spec.securityContext?.runAsNonRoot).toBe(true);
    expect(container.securityContext?.allowPrivilegeEscalation).toBe(false);
    expect(template.metadata.annotations).toEqual(
      expect.objectContaining({
        'prometheus.io/scrape': 'true',
        'prometheus.io/port': String(port),
        'prometheus.io/path': '/metrics',
      }),
    );
  });

  it('exposes the api and ingestion through Services, annotated for scraping', () => {
    expect(
      ofKind('Service')
        .map((s) => s.metadata.name)
        .sort(),
    ).toEqual(['api', 'ingestion']);
    for (const name of ['api', 'ingestion'] as const) {
      const service = named('Service', name);
      expect(service.spec?.selector).toEqual({ 'app.kubernetes.io/name': name });
      expect(service.spec?.ports).toEqual([{ name: 'http', port: httpPortOf(name), targetPort: 'http' }]);
      expect(service.metadata.annotations?.['prometheus.io/port']).toBe(String(httpPortOf(name)));
    }
  });

  it('migrates in a Job running `migrate` as a non-root user', () => {
    const job = named('Job', 'migrate');
    const template = job.spec?.template as PodTemplate;
    const [container] = template.spec.containers;
    expect(container.args).toEqual(['migrate']);
    expect(template.spec.securityContext?.runAsNonRoot).toBe(true);
    expectValidEnvironment('k8s migrate', MIGRATE_SCHEMA, containerEnv(container));
  });

  it("scales each consumer with KEDA on its stream's durable consumer", () => {
    const scaled = ofKind('ScaledObject');
    expect(scaled.map((s) => s.metadata.name).sort()).toEqual([...CONSUMERS].sort());
    expect([...CONSUMERS].sort()).toEqual(['appointments', 'extraction', 'notification', 'segmentation']);
    const natsHost = new URL(named('ConfigMap', 'gazette-watch-common').data?.NATS_URL ?? '').hostname;
    const monitoringPort = /^http_port:\s*(\d+)/m.exec(readFileSync(join(DEPLOY, 'compose', 'nats.conf'), 'utf8'))?.[1];
    for (const consumer of CONSUMERS) {
      const object = named('ScaledObject', consumer);
      expect(object.spec?.scaleTargetRef?.name).toBe(consumer);
      expect(object.spec?.minReplicaCount).toBeGreaterThanOrEqual(1);
      expect(object.spec?.maxReplicaCount).toBeGreaterThan(object.spec?.minReplicaCount ?? 0);
      expect(object.spec?.triggers).toHaveLength(1);
      const [trigger] = object.spec?.triggers ?? [];
      expect(trigger.type).toBe('nats-jetstream');
      const [stream] = consumedStreams(consumer);
      expect(STREAMS.map((s) => s.name)).toContain(trigger.metadata.stream);
      expect(trigger.metadata).toMatchObject({
        stream,
        consumer, // durable consumer names are the service names
        account: '$G',
        natsServerMonitoringEndpoint: `${natsHost}:${monitoringPort}`,
      });
      expect(trigger.metadata.lagThreshold).toMatch(/^[1-9]\d*$/);
    }
  });

  it('has a local overlay whose replicas and images name what the base defines', () => {
    const local = readKustomization(join(K8S, 'overlays', 'local'));
    const deployments = ofKind('Deployment').map((d) => d.metadata.name);
    for (const { name } of local.replicas ?? []) expect(deployments).toContain(name);
    const baseImage = readKustomization(join(K8S, 'base')).images?.find((i) => i.name === 'gazette-watch');
    expect(local.images?.map((i) => i.name)).toEqual([baseImage?.newName]);
  });

  const kubectl = (() => {
    try {
      execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();
  // kubectl is no project dependency: where it is installed, the kustomizations are also rendered.
  (kubectl ? it : it.skip).each(kustomizations.map((dir) => [dir.slice(DEPLOY.length + 1), dir]))(
    '%s renders with kubectl kustomize',
    (name, dir) => {
      const rendered = parseAllDocuments(execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8' })).map(
        (d) => d.toJS() as Resource & { metadata: { namespace?: string } },
      );
      for (const resource of rendered.filter((r) => r.kind !== 'Namespace')) {
        expect(resource.metadata.namespace).toBe('gazette-watch');
      }
      const local = name.includes('local');
      expect(rendered.some((r) => r.kind === 'ScaledObject')).toBe(!local);
      const images = rendered
        .filter((r) => r.kind === 'Deployment' || r.kind === 'Job')
        .map((r) => (r.spec?.template as PodTemplate).spec.containers[0].image);
      expect(new Set(images).size).toBe(1);
      if (local) expect(images[0]).toBe('gazette-watch:local');
    },
  );
});
