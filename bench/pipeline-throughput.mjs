#!/usr/bin/env node
// End-to-end pipeline throughput: the corpus ingested K times as distinct gazettes through every
// service (one process each, as `gazette up` runs them), beside the same corpus parsed in-process
// in the same run. Prints documents/s end to end, p50/p95 latency from the ingest request to the
// last downstream event of each gazette, and the in-process/pipeline ratio (the cost of the
// distributed pipeline). Runs in a database and NATS namespace of its own, removed afterwards.
// Usage: npm run bench:pipeline -- [--rounds K] [--timeout S]
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { connect } from 'nats';
import { listGazettes, loadBuiltParser, locateCorpus, runScript, SetupError, withAdmin } from './corpus-location.mjs';

const require = createRequire(import.meta.url);
const ROOT = new URL('..', import.meta.url).pathname;

function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** A copy of the gazette whose digest differs (trailing blank line of k spaces) and parses alike. */
function variant(bytes, k) {
  return Buffer.concat([bytes, Buffer.from(`\n${' '.repeat(k + 1)}\n`)]);
}

async function main() {
  const { values } = parseArgs({
    options: {
      rounds: { type: 'string', default: process.env.BENCH_ROUNDS ?? '5' },
      timeout: { type: 'string', default: '600' },
    },
  });
  const rounds = Number(values.rounds);
  if (!Number.isInteger(rounds) || rounds < 1) throw new SetupError('--rounds takes an integer ≥ 1');
  const timeoutMs = Number(values.timeout) * 1000;

  const parser = loadBuiltParser();
  const { startService, stopAll, waitForPipeline } = require(join(ROOT, 'services/cli/dist/up.command.js'));
  const { PipelineApiRepository } = require(join(ROOT, 'services/cli/dist/pipeline-api.repository.js'));
  const corpusDir = locateCorpus();
  const corpus = listGazettes(corpusDir).map((g) => ({ ...g, bytes: readFileSync(g.path) }));

  // The same work in one process: parse every variant.
  const inputs = [];
  for (let k = 0; k < rounds; k++) for (const g of corpus) inputs.push({ file: g.file, bytes: variant(g.bytes, k) });
  const started = performance.now();
  let expectedDocuments = 0;
  for (const input of inputs) {
    const parse = parser.parseGazette(input.bytes);
    expectedDocuments += parse.documents.length;
    const facts = parse.appointments.length + parse.documents.filter((d) => d.category === 'regulation').length;
    // Every event a gazette causes: ingested, segmented and extracted per document, each fact, and its announcement.
    input.events = 1 + 2 * parse.documents.length + 2 * facts;
    input.id = createHash('sha256').update(input.bytes).digest('hex');
  }
  const inProcessSeconds = (performance.now() - started) / 1000;
  const inProcessRate = expectedDocuments / inProcessSeconds;
  console.log(
    `corpus: ${corpusDir}, ${corpus.length} gazettes × ${rounds} rounds = ${inputs.length} gazettes, ${expectedDocuments} documents`,
  );
  console.log(`in-process parse: ${inProcessRate.toFixed(0)} documents/s`);

  const run = randomBytes(4).toString('hex');
  const databaseUrl = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  databaseUrl.pathname = `/gw_bench_${run}`;
  const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
  const subjectPrefix = `b${run}.`;
  const streamPrefix = `B${run.toUpperCase()}_`;
  await withAdmin(databaseUrl.toString(), (c) => c.query(`CREATE DATABASE gw_bench_${run}`));
  const logDir = join(ROOT, '.gazette-watch', 'bench-logs');
  mkdirSync(logDir, { recursive: true });
  const launch = {
    root: ROOT,
    databaseUrl: databaseUrl.toString(),
    natsUrl,
    apiPort: 3900,
    ingestionPort: 3901,
    stagePorts: { segmentation: 3902, extraction: 3903, appointments: 3904, notification: 3905 },
    env: { NATS_SUBJECT_PREFIX: subjectPrefix, NATS_STREAM_PREFIX: streamPrefix, LOG_LEVEL: 'warn' },
  };
  const services = [];
  const nc = await connect({ servers: natsUrl });
  try {
    for (const name of ['ingestion', 'segmentation', 'extraction', 'appointments', 'notification', 'api']) {
      services.push(startService(name, launch, logDir));
    }
    const apiUrl = `http://127.0.0.1:${launch.apiPort}`;
    const ingestionUrl = `http://127.0.0.1:${launch.ingestionPort}`;
    const pipeline = new PipelineApiRepository(ingestionUrl, apiUrl);
    await waitForPipeline(pipeline, ingestionUrl, apiUrl, services);

    // Every event of the namespace, stamped on arrival: the last one per gazette ends its latency.
    const lastEvent = new Map();
    const lastOfType = new Map();
    const seen = new Map();
    const expected = new Map(inputs.map((input) => [input.id, input.events]));
    let settle;
    const allSeen = new Promise((resolve) => (settle = resolve));
    const sub = nc.subscribe(`${subjectPrefix}>`, {
      callback: (err, msg) => {
        if (err) return;
        try {
          const envelope = msg.json();
          const id = envelope?.payload?.gazette_id;
          if (envelope?.type) lastOfType.set(envelope.type, performance.now());
          if (id) {
            lastEvent.set(id, performance.now());
            seen.set(id, (seen.get(id) ?? 0) + 1);
            if ([...expected].every(([g, n]) => (seen.get(g) ?? 0) >= n)) settle();
          }
        } catch {
          // Not an envelope (a request, say): not a downstream event.
        }
      },
    });

    const sent = new Map();
    const t0 = performance.now();
    await Promise.all(
      inputs.map(async (input, i) => {
        const at = performance.now();
        const result = await pipeline.ingest(`${i}-${input.file}`, input.bytes);
        sent.set(result.gazette_id, at);
      }),
    );
    // Done when every gazette's events have all been seen (counted on the bus, so that the
    // measurement does not load the services with progress queries), then confirmed by the API.
    const timer = setTimeout(() => settle('timeout'), timeoutMs);
    if ((await allSeen) === 'timeout') throw new Error(`not every event arrived within ${values.timeout} s`);
    clearTimeout(timer);
    for (const id of sent.keys()) {
      const p = await pipeline.progress(id);
      if (!p.complete) throw new Error(`gazette ${id} saw all its events but the API does not report it complete`);
    }
    const elapsed = (Math.max(...[...sent.keys()].map((id) => lastEvent.get(id) ?? t0)) - t0) / 1000;
    await sub.drain();
    const latencies = [...sent].map(([id, at]) => (lastEvent.get(id) ?? at) - at).sort((a, b) => a - b);
    const rate = expectedDocuments / elapsed;
    console.log(
      `pipeline: ${inputs.length} gazettes, ${expectedDocuments} documents in ${elapsed.toFixed(2)} s: ${rate.toFixed(0)} documents/s end to end`,
    );
    console.log(
      `latency ingest → last downstream event: p50 ${(percentile(latencies, 50) / 1000).toFixed(2)} s, p95 ${(percentile(latencies, 95) / 1000).toFixed(2)} s`,
    );
    console.log(`in-process/pipeline throughput ratio: ${(inProcessRate / rate).toFixed(1)}`);
    const stages = [...lastOfType].sort((a, b) => a[1] - b[1]);
    console.log(
      `last event of each type after the first ingest: ${stages.map(([t, at]) => `${t} ${((at - t0) / 1000).toFixed(2)} s`).join(', ')}`,
    );
    return 0;
  } finally {
    await stopAll(services);
    const jsm = await nc.jetstreamManager();
    for await (const s of jsm.streams.list())
      if (s.config.name.startsWith(streamPrefix)) await jsm.streams.delete(s.config.name);
    await nc.close();
    await withAdmin(databaseUrl.toString(), (c) => c.query(`DROP DATABASE IF EXISTS gw_bench_${run} WITH (FORCE)`));
  }
}

runScript(main);
