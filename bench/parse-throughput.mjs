#!/usr/bin/env node
// Parser throughput on the corpus, with @node-rs/jieba's word segmentation of the same text as a
// yardstick: the ratio of the two says more than MB/s alone, which depends on the machine.
// `npm run bench:parse` builds first and runs this under --expose-gc.
// Usage: node --expose-gc bench/parse-throughput.mjs [--seconds S] [--rounds N]
//   --seconds S  time budget of each measured phase (default 5; env BENCH_SECONDS)
//   --rounds N   at least N rounds of the whole corpus per phase, budget or not (default 1; env BENCH_ROUNDS)
// GAZETTE_CORPUS overrides the corpus folder, as for bench/eval-corpus.mjs.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { SetupError, listGazettes, loadBuiltParser, locateCorpus, runScript } from './corpus-location.mjs';

const MB = 1e6;
/** Warm-up lets V8 optimise the hot code before the clock runs; a fifth of the budget, one round at least. */
const WARMUP_SHARE = 0.2;

function main() {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: process.env.BENCH_SECONDS ?? '5' },
      rounds: { type: 'string', default: process.env.BENCH_ROUNDS ?? '1' },
    },
  });
  const seconds = Number(values.seconds);
  const minRounds = Number(values.rounds);
  if (!(seconds >= 0) || !Number.isInteger(minRounds) || minRounds < 1) {
    throw new SetupError('--seconds takes a number ≥ 0 and --rounds an integer ≥ 1');
  }
  if (!globalThis.gc) console.warn('run with node --expose-gc: each phase then starts from a collected heap');

  const parser = loadBuiltParser();
  const corpusDir = locateCorpus();
  const gazettes = listGazettes(corpusDir).map((gazette) => ({ ...gazette, bytes: readFileSync(gazette.path) }));
  const totalBytes = gazettes.reduce((total, gazette) => total + gazette.bytes.length, 0);
  console.log(`corpus: ${corpusDir}, ${gazettes.length} gazettes, ${(totalBytes / MB).toFixed(2)} MB`);

  let documents = 0;
  const memory = { rss: 0, heapUsed: 0 };
  const parseRound = () => {
    for (const { file, bytes } of gazettes) {
      let parse;
      try {
        parse = parser.parseGazette(bytes, { source: file });
      } catch (error) {
        throw new ParseFailure(`parse failed on ${file}: ${error?.message ?? error}`);
      }
      documents += parse.documents.length;
      // Sampled between parses: a synchronous parse leaves no gap for a timer to sample in.
      const { rss, heapUsed } = process.memoryUsage();
      memory.rss = Math.max(memory.rss, rss);
      memory.heapUsed = Math.max(memory.heapUsed, heapUsed);
    }
  };
  let parsed;
  try {
    parsed = measure(parseRound, seconds, minRounds, () => {
      documents = 0;
      memory.rss = memory.heapUsed = 0;
    });
  } catch (error) {
    if (!(error instanceof ParseFailure)) throw error;
    console.error(error.message);
    return 1;
  }
  const parseRate = (totalBytes * parsed.rounds) / MB / parsed.seconds;
  console.log(
    `parse: ${parsed.rounds} rounds in ${parsed.seconds.toFixed(2)} s, ${parseRate.toFixed(2)} MB/s, ` +
      `${(documents / parsed.seconds).toFixed(0)} documents/s`,
  );
  console.log(
    `parse memory: peak RSS ${(memory.rss / MB).toFixed(1)} MB, peak heap used ${(memory.heapUsed / MB).toFixed(1)} MB ` +
      `(heap used before parsing ${(parsed.heapBefore / MB).toFixed(1)} MB)`,
  );

  // Loaded only now so that its dictionary does not count in the parser's memory.
  const require = createRequire(import.meta.url);
  const { Jieba } = require('@node-rs/jieba');
  const { dict } = require('@node-rs/jieba/dict');
  const jieba = Jieba.withDict(dict);
  const texts = gazettes.map(({ bytes }) => decodeText(parser, require, bytes));
  const cutRound = () => texts.forEach((text) => jieba.cut(text, false));
  const cut = measure(cutRound, seconds, minRounds);
  const jiebaRate = (totalBytes * cut.rounds) / MB / cut.seconds;
  console.log(`jieba cut: ${cut.rounds} rounds in ${cut.seconds.toFixed(2)} s, ${jiebaRate.toFixed(2)} MB/s`);

  // The ratio comes from rounds taken in turns, so that a change in the machine's load falls on
  // both sides alike rather than on whichever phase ran during it.
  const turns = alternate(parseRound, cutRound, seconds, minRounds);
  console.log(
    `in turns: parse ${((totalBytes * turns.rounds) / MB / turns.first).toFixed(2)} MB/s, ` +
      `jieba cut ${((totalBytes * turns.rounds) / MB / turns.second).toFixed(2)} MB/s over ${turns.rounds} rounds each`,
  );
  console.log(`parse/jieba throughput ratio: ${(turns.second / turns.first).toFixed(2)}`);
  return 0;
}

class ParseFailure extends Error {}

/** Warms up, then runs whole rounds until the budget is spent and minRounds are done. */
function measure(round, seconds, minRounds, resetCounters = () => {}) {
  const warmupEnd = performance.now() + seconds * WARMUP_SHARE * 1000;
  do round();
  while (performance.now() < warmupEnd);
  resetCounters();
  globalThis.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  let rounds = 0;
  do {
    round();
    rounds++;
  } while (rounds < minRounds || performance.now() - started < seconds * 1000);
  return { rounds, seconds: (performance.now() - started) / 1000, heapBefore };
}

/** One round of each in turn until the budget is spent; the seconds each side took. */
function alternate(first, second, seconds, minRounds) {
  const timed = (round) => {
    const started = performance.now();
    round();
    return (performance.now() - started) / 1000;
  };
  const budgetEnd = performance.now() + seconds * 1000;
  const totals = { rounds: 0, first: 0, second: 0 };
  do {
    totals.first += timed(first);
    totals.second += timed(second);
    totals.rounds++;
  } while (totals.rounds < minRounds || performance.now() < budgetEnd);
  return totals;
}

/** The text the parser sees, decoded the parser's way; jieba is given the same. */
function decodeText(parser, require, bytes) {
  // The decode stage may not be re-exported from the package index yet.
  const { decodeGazette } = parser.decodeGazette ? parser : require('@gazette-watch/parser/dist/decode');
  return decodeGazette(bytes).text;
}

runScript(main);
