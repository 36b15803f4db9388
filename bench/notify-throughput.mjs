#!/usr/bin/env node
// Webhook delivery throughput: the built notification service as a process of its own (as `gazette
// up` runs it), N subscriptions with mixed filters, and the corpus's facts published into the FACTS
// stream as the pipeline would publish them (derived by the services' own built mappers from
// `parseGazette`). A local receiver answers 204 at once and stamps each delivery. Prints deliveries/s
// and p50/p95/p99 latency from a fact's publish to its delivery; exits 1 if an expected delivery is
// missing, duplicated or unexpected. Runs in a database and NATS namespace of its own, removed afterwards.
// Facts go out in one burst unless --rate paces them (facts per second), which shows the latency
// below saturation rather than the time to drain a backlog.
// Usage: npm run bench:notify -- [--subscriptions N] [--concurrency C] [--rate F] [--rounds K] [--timeout S]
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createRequire } from 'node:module';
import { createServer as createNetServer } from 'node:net';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { connect } from 'nats';
import pg from 'pg';
import { listGazettes, loadBuiltParser, locateCorpus, runScript, SetupError, withAdmin } from './corpus-location.mjs';

const require = createRequire(import.meta.url);
const ROOT = new URL('..', import.meta.url).pathname;
const encoder = new TextEncoder();

function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function spread(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const ms = (p) => `${percentile(sorted, p).toFixed(0)} ms`;
  return `p50 ${ms(50)}, p95 ${ms(95)}, p99 ${ms(99)}, max ${ms(100)}`;
}

/** A copy of the gazette whose digest differs (trailing blank line of k spaces) and parses alike. */
function variant(bytes, k) {
  return k === 0 ? bytes : Buffer.concat([bytes, Buffer.from(`\n${' '.repeat(k)}\n`)]);
}

async function freePort() {
  const server = createNetServer();
  await new Promise((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The built modules the facts are derived with: what segmentation, extraction and appointments run. */
function loadBuiltMappers() {
  const dist = (service, file) => join(ROOT, 'services', service, 'dist', file);
  try {
    return {
      contracts: require('@gazette-watch/contracts'),
      subscriptions: require('@gazette-watch/subscriptions'),
      segmentation: require(dist('segmentation', 'gazette-parse.mapper.js')),
      extraction: require(dist('extraction', 'document-extraction.mapper.js')),
      appointments: require(dist('appointments', 'appointment-record.mapper.js')),
      up: require(join(ROOT, 'services/cli/dist/up.command.js')),
      PipelineApiRepository: require(join(ROOT, 'services/cli/dist/pipeline-api.repository.js')).PipelineApiRepository,
    };
  } catch (error) {
    throw new SetupError(`cannot load the built services (run \`npm run build\`): ${error.message}`);
  }
}

/**
 * Every `appointment.recorded` and `regulation.published` envelope the pipeline publishes for the
 * gazette, as the services build them: segmentation's payloads, extraction's regulation terms,
 * appointments' records (first run, so no replay suffix on the ids).
 */
function factsOf(bytes, fileName, parser, m) {
  const { contracts } = m;
  const gazetteId = contracts.gazetteId(bytes);
  const parse = parser.parseGazette(new Uint8Array(bytes), { source: fileName, entities: false });
  const version = parser.PARSER_VERSION;
  const correlationId = `bench-${gazetteId.slice(0, 16)}`;
  const facts = [];
  for (const segmented of m.segmentation.segmentedPayloads(gazetteId, parse, version)) {
    const extraction = m.extraction.extractDocument(segmented);
    const extracted = m.extraction.extractedPayload(segmented, extraction, version);
    if (extraction.regulation) {
      const payload = m.extraction.regulationPayload(segmented, extraction.regulation, version);
      const type = contracts.SUBJECTS.regulationPublished;
      facts.push({
        kind: 'regulation',
        payload,
        envelope: contracts.makeEnvelope(type, payload, {
          id: contracts.eventMessageId(type, payload),
          correlationId,
          producer: 'extraction',
        }),
      });
    }
    if (m.appointments.carriesAppointments(extracted) && extracted.appointments.length > 0) {
      for (const { row } of m.appointments.mapRecords(extracted)) {
        const payload = m.appointments.recordedPayload(row, extracted.document);
        const type = contracts.SUBJECTS.appointmentRecorded;
        facts.push({
          kind: 'appointment',
          payload,
          envelope: contracts.makeEnvelope(type, payload, {
            id: contracts.eventMessageId(type, payload),
            correlationId,
            producer: 'appointments',
          }),
        });
      }
    }
  }
  return facts;
}

const REGULATION_KEYWORDS = ['管理', '实施', '安全', '教育', '办法', '规划', '乡村', '医疗', '应急', '资金', '环境'];
const ORGANISATION_KEYWORDS = ['财政局', '局长', '主任', '委员会', '副市长', '公安'];

/**
 * N filters in a fixed mix, so that each fact reaches a realistic subset: a quarter take every
 * appointment, a third a region of the corpus (both kinds, or regulations only), a quarter
 * regulations by keyword, the rest appointments by organisation or post.
 */
function subscriptionFilters(count, regions) {
  return Array.from({ length: count }, (_, i) => {
    const slot = i % 20;
    if (slot < 5) return { kinds: ['appointment'] };
    if (slot < 12) {
      const region = regions[i % regions.length];
      return slot % 2 ? { kinds: ['regulation'], regions: [region] } : { regions: [region] };
    }
    if (slot < 17) return { kinds: ['regulation'], keywords: [REGULATION_KEYWORDS[i % REGULATION_KEYWORDS.length]] };
    return { kinds: ['appointment'], organisations: [ORGANISATION_KEYWORDS[i % ORGANISATION_KEYWORDS.length]] };
  });
}

/** Runs `task` over `items`, `width` at a time. */
async function inParallel(items, width, task) {
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) await task(items[i], i);
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
}

async function main() {
  const { values } = parseArgs({
    options: {
      subscriptions: { type: 'string', default: '1000' },
      concurrency: { type: 'string' },
      rate: { type: 'string' },
      rounds: { type: 'string', default: '1' },
      timeout: { type: 'string', default: '600' },
    },
  });
  const subscriptionCount = Number(values.subscriptions);
  if (!Number.isInteger(subscriptionCount) || subscriptionCount < 1)
    throw new SetupError('--subscriptions takes an integer ≥ 1');
  const rounds = Number(values.rounds);
  if (!Number.isInteger(rounds) || rounds < 1) throw new SetupError('--rounds takes an integer ≥ 1');
  if (values.concurrency !== undefined && !/^\d+$/.test(values.concurrency))
    throw new SetupError('--concurrency takes an integer (WEBHOOK_CONCURRENCY, 1–1000)');
  const timeoutMs = Number(values.timeout) * 1000;
  const rate = values.rate === undefined ? null : Number(values.rate);
  if (rate !== null && !(rate > 0)) throw new SetupError('--rate takes a number of facts per second > 0');

  const parser = loadBuiltParser();
  const m = loadBuiltMappers();
  const corpusDir = locateCorpus();
  const corpus = listGazettes(corpusDir).map((g) => ({ ...g, bytes: readFileSync(g.path) }));
  const facts = [];
  for (let k = 0; k < rounds; k++) {
    for (const g of corpus) facts.push(...factsOf(variant(g.bytes, k), g.file, parser, m));
  }
  if (new Set(facts.map((f) => f.envelope.id)).size !== facts.length) throw new Error('two facts share an id');

  const regions = [...new Set(facts.map((f) => f.payload.region).filter(Boolean))].sort();
  const filters = subscriptionFilters(subscriptionCount, regions);
  // Expected deliveries, by the filter rules the service itself applies.
  const predicates = filters.map((filter) => m.subscriptions.compileFilter(filter));
  const views = facts.map((f) => m.subscriptions.factViewOf({ kind: f.kind, payload: f.payload }));
  const expectedPerSubscription = predicates.map((matches) => views.filter((view) => matches(view)).length);
  const expectedTotal = expectedPerSubscription.reduce((a, b) => a + b, 0);
  const byKind = (kind) => facts.filter((f) => f.kind === kind).length;
  console.log(
    `corpus: ${corpusDir}, ${corpus.length} gazettes × ${rounds} round(s): ${facts.length} facts ` +
      `(${byKind('appointment')} appointment.recorded, ${byKind('regulation')} regulation.published) in ${regions.join(', ')}`,
  );
  console.log(
    `${subscriptionCount} subscriptions (25 % all appointments, 35 % by region, 25 % regulations by keyword, ` +
      `15 % appointments by organisation): ${expectedTotal} deliveries expected ` +
      `(${subscriptionCount - expectedPerSubscription.filter(Boolean).length} subscriptions match nothing)`,
  );

  const run = randomBytes(4).toString('hex');
  const databaseName = `gw_bench_notify_${run}`;
  const databaseUrl = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  databaseUrl.pathname = `/${databaseName}`;
  const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
  const subjectPrefix = `b${run}.`;
  const streamPrefix = `B${run.toUpperCase()}_`;
  await withAdmin(databaseUrl.toString(), (c) => c.query(`CREATE DATABASE ${databaseName}`));
  // Apart from bench:pipeline's logs, which name theirs after the services too.
  const logDir = join(ROOT, '.gazette-watch', 'bench-logs', 'notify');
  mkdirSync(logDir, { recursive: true });

  // The receiver: 204 at once; deliveries stamped by (subscription, fact) and by webhook-id.
  const received = new Map();
  const byWebhookId = new Map();
  // Filled in once the subscriptions have their ids, before anything is published.
  const expectedKeys = new Set();
  let expectedReceived = 0;
  let requests = 0;
  let unreadable = 0;
  let settle;
  const allReceived = new Promise((resolve) => (settle = resolve));
  const receiver = createHttpServer((request, response) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      const at = Date.now();
      response.writeHead(204).end();
      requests += 1;
      try {
        const { data } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        const key = `${data.subscription_id} ${data.fact_id}`;
        const stamps = received.get(key) ?? [];
        stamps.push(at);
        received.set(key, stamps);
        const id = String(request.headers['webhook-id']);
        byWebhookId.set(id, (byWebhookId.get(id) ?? 0) + 1);
        if (stamps.length === 1 && expectedKeys.has(key) && ++expectedReceived === expectedKeys.size) settle('done');
      } catch {
        unreadable += 1;
      }
    });
  });
  // Keep-alive sockets from the service's agent stay open between bursts.
  receiver.keepAliveTimeout = 60_000;
  await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const receiverPort = receiver.address().port;
  const servicePort = await freePort();

  const launch = {
    root: ROOT,
    databaseUrl: databaseUrl.toString(),
    natsUrl,
    apiPort: servicePort,
    ingestionPort: servicePort,
    stagePorts: { notification: servicePort },
    env: {
      NATS_SUBJECT_PREFIX: subjectPrefix,
      NATS_STREAM_PREFIX: streamPrefix,
      LOG_LEVEL: 'warn',
      WEBHOOK_ALLOWED_ADDRESSES: '127.0.0.1/32',
      ...(values.concurrency !== undefined ? { WEBHOOK_CONCURRENCY: values.concurrency } : {}),
    },
  };
  const services = [];
  const nc = await connect({ servers: natsUrl });
  try {
    const started = performance.now();
    services.push(m.up.startService('notification', launch, logDir));
    const serviceUrl = `http://127.0.0.1:${servicePort}`;
    const probe = new m.PipelineApiRepository(serviceUrl, serviceUrl);
    await m.up.waitUntil('the notification service', () => probe.healthy(`${serviceUrl}/health/ready`), services);
    console.log(
      `notification service up in ${((performance.now() - started) / 1000).toFixed(1)} s ` +
        `(WEBHOOK_CONCURRENCY ${values.concurrency ?? 'default'}), log in ${services[0].log}`,
    );

    const command = async (name, request) => {
      const reply = await nc.request(
        `${subjectPrefix}rpc.notification.${name}`,
        encoder.encode(JSON.stringify(request)),
        {
          timeout: 30_000,
        },
      );
      const answer = reply.json();
      if (!answer.ok) throw new Error(`rpc ${name} failed: ${answer.error}`);
      if (!answer.data.ok) throw new Error(`${name} refused: ${JSON.stringify(answer.data.error)}`);
      return answer.data.result;
    };
    const principal = { role: 'admin' };
    const { subscriber } = await command('subscriber.create', { principal, name: 'bench' });
    const creating = performance.now();
    const subscriptionIds = new Array(subscriptionCount);
    await inParallel(filters, 16, async (filter, i) => {
      const { subscription } = await command('subscription.create', {
        principal,
        subscriber_id: subscriber.id,
        name: `bench ${i}`,
        filter,
        webhook: { url: `http://127.0.0.1:${receiverPort}/hooks/${i}` },
      });
      subscriptionIds[i] = subscription.id;
    });
    console.log(
      `created ${subscriptionCount} subscriptions in ${((performance.now() - creating) / 1000).toFixed(1)} s`,
    );
    predicates.forEach((matches, i) =>
      views.forEach((view, j) => matches(view) && expectedKeys.add(`${subscriptionIds[i]} ${facts[j].envelope.id}`)),
    );

    // Every fact published at once, as a burst of gazettes would, or paced at --rate; each stamped as its publish starts.
    const js = nc.jetstream();
    const publishedAt = new Map();
    const publish = (envelope) => {
      publishedAt.set(envelope.id, Date.now());
      return js.publish(`${subjectPrefix}${envelope.type}`, encoder.encode(JSON.stringify(envelope)), {
        msgID: envelope.id,
      });
    };
    const t0 = Date.now();
    if (rate === null) {
      await Promise.all(facts.map(({ envelope }) => publish(envelope)));
    } else {
      for (const [i, { envelope }] of facts.entries()) {
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, t0 + (i * 1000) / rate - Date.now())));
        await publish(envelope);
      }
    }
    const publishedIn = Date.now() - t0;
    const timer = setTimeout(() => settle('timeout'), timeoutMs);
    const outcome = expectedTotal === 0 ? 'done' : await allReceived;
    clearTimeout(timer);
    const lastAt = [...received.values()].reduce((last, stamps) => Math.max(last, stamps[0]), t0);
    const elapsed = (lastAt - t0) / 1000;

    // Then the outbox, for anything still queued or failed, and a moment for late duplicates.
    const sql = new pg.Client({ connectionString: databaseUrl.toString() });
    await sql.connect();
    let statuses;
    let phases;
    try {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      ({ rows: statuses } = await sql.query(
        'SELECT status, count(*)::int AS n FROM notification.notification GROUP BY status ORDER BY status',
      ));
      ({ rows: phases } = await sql.query(
        `SELECT fact_id, (extract(epoch FROM created_at) * 1000)::float8 AS created,
                (extract(epoch FROM delivered_at) * 1000)::float8 AS delivered
         FROM notification.notification`,
      ));
    } finally {
      await sql.end();
    }

    const latencies = [];
    let duplicated = 0;
    let unexpected = 0;
    for (const [key, stamps] of received) {
      if (!expectedKeys.has(key)) unexpected += 1;
      else latencies.push(stamps[0] - publishedAt.get(key.slice(key.indexOf(' ') + 1)));
      if (stamps.length > 1) duplicated += stamps.length - 1;
    }
    const missing = [...expectedKeys].filter((key) => !received.has(key)).length;
    const resentIds = [...byWebhookId.values()].filter((n) => n > 1).length;

    console.log('');
    console.log(`subscriptions:        ${subscriptionCount}`);
    console.log(
      `facts published:      ${facts.length} in ${publishedIn} ms (${rate === null ? 'one burst' : `${rate} per second`})`,
    );
    console.log(`deliveries expected:  ${expectedTotal}`);
    console.log(
      `deliveries received:  ${received.size} distinct (${requests} requests; missing ${missing}, ` +
        `duplicated ${duplicated}, unexpected ${unexpected}${unreadable ? `, unreadable ${unreadable}` : ''})`,
    );
    console.log(`outbox:               ${statuses.map((s) => `${s.status} ${s.n}`).join(', ')}`);
    console.log(`wall time:            ${elapsed.toFixed(2)} s from the first publish to the last delivery`);
    console.log(`throughput:           ${(expectedReceived / elapsed).toFixed(0)} deliveries/s`);
    console.log(`latency publish → delivery:           ${spread(latencies)}`);
    // Where the time goes: waiting for the fact to be recorded, then waiting in the outbox.
    const recorded = phases.map((row) => row.created - publishedAt.get(row.fact_id));
    const queued = phases.filter((row) => row.delivered != null).map((row) => row.delivered - row.created);
    console.log(`  publish → notification row written: ${spread(recorded)}`);
    console.log(`  row written → delivered (outbox):   ${spread(queued)}`);
    const lastRecorded = phases.reduce((last, row) => Math.max(last, row.created), t0);
    console.log(`  last fact recorded ${((lastRecorded - t0) / 1000).toFixed(2)} s after the first publish`);

    const problems = [];
    if (outcome === 'timeout') problems.push(`not every delivery arrived within ${values.timeout} s`);
    if (missing) problems.push(`${missing} expected deliveries missing`);
    if (duplicated || resentIds) problems.push(`${duplicated} deliveries duplicated`);
    if (unexpected) problems.push(`${unexpected} deliveries nobody subscribed to`);
    if (problems.length) {
      console.error(`FAILED: ${problems.join('; ')}`);
      return 1;
    }
    return 0;
  } finally {
    await m.up.stopAll(services);
    await new Promise((resolve) => {
      receiver.closeAllConnections();
      receiver.close(resolve);
    });
    const jsm = await nc.jetstreamManager();
    for await (const s of jsm.streams.list())
      if (s.config.name.startsWith(streamPrefix)) await jsm.streams.delete(s.config.name);
    await nc.close();
    await withAdmin(databaseUrl.toString(), (c) => c.query(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`));
  }
}

runScript(main);
