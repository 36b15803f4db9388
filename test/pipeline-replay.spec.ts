import { SUBJECTS, documentId, type ReplaySelectors, type ReplayStatus, type RpcReply } from '@gazette-watch/contracts';
import { JetStreamClient, Namespace } from '@gazette-watch/messaging';
import { parseGazette, type GazetteParse } from '@gazette-watch/parser';
import { TEST_INFRASTRUCTURE_TIMEOUT_MS, waitFor } from '@gazette-watch/testing';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { AdminReplayController } from '../services/api/src/admin-replay.controller';
import { ApiKeyAuthenticator } from '../services/api/src/auth/api-key.authenticator';
import { ServiceQueryExceptionFilter } from '../services/api/src/service-query-exception.filter';
import { ServiceQueryRepository } from '../services/api/src/service-query.repository';
import { runReplay } from '../services/cli/src/replay.command';
import type { GazetteParser } from '../services/segmentation/src';
import {
  PIPELINE_TIMEOUT_MS,
  PipelineHarness,
  expectStoredAsParsed,
  expectedMessageCounts,
  recordsWithIds,
  sameBytes,
  sampleGazettes,
  withoutLastDocument,
  type Gazette,
  type MessageCounts,
} from './pipeline-harness';

/**
 * Replays through the whole pipeline (ingestion, segmentation, extraction, appointments in-process
 * on PostgreSQL and NATS): a first run by a parser that misses facts, then replays by the real one.
 * Each replay re-processes every stage under `@replay:<run>` message ids, and its report lists
 * exactly what the new parse changed.
 */
describe('replay through the pipeline', () => {
  const gazettes = sampleGazettes();
  const byFile = (name: string): Gazette => {
    const gazette = gazettes.find((g) => g.fileName === name);
    if (!gazette) throw new Error(`no sample ${name}`);
    return gazette;
  };
  const fenyang = byFile('fenyang-2023-4.txt');
  const lvliang = byFile('lvliang-2023.txt');

  /** fenyang's last document is a personnel notice with records of its own. */
  const fenyangLast = fenyang.parse.documents.length - 1;
  const fenyangLastRecords = recordsWithIds(fenyang).filter(({ index }) => index === fenyangLast);
  /** One lvliang record that no other record of its document repeats: dropping it loses a fact. */
  const missed = recordsWithIds(lvliang).find(({ id }, _i, all) => all.filter((other) => other.id === id).length === 1);
  if (!missed) throw new Error('lvliang has no record listed once');

  let harness: PipelineHarness;

  beforeAll(async () => {
    expect(fenyangLastRecords.length).toBeGreaterThan(0);
    harness = await PipelineHarness.open();
    await harness.start('ingestion');
    await harness.start('segmentation', { parse: olderParser });
    await harness.start('extraction');
    await harness.start('appointments');
  }, TEST_INFRASTRUCTURE_TIMEOUT_MS);

  afterAll(async () => {
    await harness?.close();
  }, TEST_INFRASTRUCTURE_TIMEOUT_MS);

  /** The real parser, but missing fenyang's last document and one lvliang appointment. */
  function olderParser(bytes: Uint8Array, options: Parameters<GazetteParser>[1]): GazetteParse {
    const parse = parseGazette(bytes, options);
    if (sameBytes(bytes, fenyang.bytes)) return withoutLastDocument(parse);
    if (sameBytes(bytes, lvliang.bytes)) {
      // The parser is deterministic: the same bytes give the same records in the same order.
      return { ...parse, appointments: parse.appointments.filter((_record, i) => i !== missed!.position) };
    }
    return parse;
  }

  /** The real parser, but missing fenyang's last document. */
  function parserLosingFenyangLast(bytes: Uint8Array, options: Parameters<GazetteParser>[1]): GazetteParse {
    const parse = parseGazette(bytes, options);
    return sameBytes(bytes, fenyang.bytes) ? withoutLastDocument(parse) : parse;
  }

  async function useParser(parse?: GazetteParser): Promise<void> {
    await harness.stopAll('segmentation');
    await harness.start('segmentation', { parse });
  }

  async function startReplay(request: ReplaySelectors) {
    const reply = await harness.rpc('replay.start', { requested_by: 'pipeline-replay.spec', ...request });
    if (!reply.ok) throw new Error(`replay.start refused: ${reply.error.message}`);
    return reply.result;
  }

  async function status(
    runId: string,
    page: { offset?: number; limit?: number } = {},
  ): Promise<RpcReply<'replay.status'>> {
    return harness.rpc('replay.status', { run_id: runId, ...page });
  }

  /** Polls `replay.status` until the run is complete; a timeout names the gazettes still running. */
  async function completed(runId: string): Promise<ReplayStatus> {
    return waitFor(
      async () => {
        const reply = await status(runId);
        if (!reply.ok) throw new Error(reply.error.message);
        if (reply.result.complete) return reply.result;
        const waiting = reply.result.gazettes
          .filter((g) => !g.done)
          .map((g) => `${g.file_name} ${g.documents_recorded}/${g.document_count ?? '?'}`);
        throw new Error(`run ${runId}: ${waiting.join(', ')} ${reply.result.unavailable.join(' ')}`);
      },
      { timeoutMs: PIPELINE_TIMEOUT_MS, intervalMs: 250, description: `replay ${runId} to complete` },
    );
  }

  function gazetteOf(report: ReplayStatus, gazette: Gazette) {
    const found = report.gazettes.find((g) => g.gazette_id === gazette.id);
    if (!found) throw new Error(`${gazette.fileName} is not in run ${report.run.run_id}`);
    return found;
  }

  function plus(a: MessageCounts, b: MessageCounts): MessageCounts {
    return Object.fromEntries(Object.entries(a).map(([k, v]) => [k, v + b[k as keyof MessageCounts]])) as MessageCounts;
  }

  it('reports the fact and the document the first parse missed, and every stage re-processes', async () => {
    for (const gazette of gazettes) expect((await harness.ingest(gazette)).status).toBe(201);
    await harness.waitUntilSettled();
    expect(await harness.storedDocuments(fenyang)).toHaveLength(fenyang.parse.documents.length - 1);
    const firstRun = await harness.messageCounts();

    await useParser(undefined);
    const started = await startReplay({ all: true });
    expect(started).toMatchObject({ dry_run: false, run_id: expect.stringMatching(/^r\d{14}-[a-z0-9]{4}$/) });
    expect(started.gazettes.map((g) => g.gazette_id).sort()).toEqual(gazettes.map((g) => g.id).sort());
    expect(started.gazettes.every((g) => g.pipeline_version_stored === '0.1.0')).toBe(true);

    const report = await completed(started.run_id);
    expect(report.run).toMatchObject({
      status: 'published',
      selection: { by: 'all' },
      requested_by: 'pipeline-replay.spec',
    });
    expect(report.totals).toEqual({
      gazettes: 4,
      done: 4,
      documents: { added: 1, removed: 0, changed: 0 },
      appointments: { added: 1 + fenyangLastRecords.length, removed: 0, changed: 0 },
    });
    const fenyangReport = gazetteOf(report, fenyang);
    expect(fenyangReport.documents.added).toEqual([
      { document_id: documentId(fenyang.id, fenyangLast), title: fenyang.parse.documents[fenyangLast].title },
    ]);
    expect(fenyangReport.appointments.added.map((a) => a.appointment_id).sort()).toEqual(
      fenyangLastRecords.map((r) => r.id).sort(),
    );
    expect(gazetteOf(report, lvliang).appointments).toEqual({
      added: [
        {
          appointment_id: missed!.id,
          document_id: documentId(lvliang.id, missed!.index),
          person: missed!.record.person,
          action: missed!.record.action,
          position: missed!.record.position,
        },
      ],
      removed: [],
      changed: [],
    });

    // Every row now holds what the real parser finds, and every stage published the run's events.
    await expectStoredAsParsed(harness, gazettes);
    await harness.waitUntilSettled();
    expect(await harness.messageCounts()).toEqual(plus(firstRun, expectedMessageCounts(gazettes)));
    for (const subject of [SUBJECTS.gazetteIngested, SUBJECTS.documentSegmented, SUBJECTS.appointmentRecorded]) {
      const replayed = (
        await harness.storedEnvelopes<{ id: string; replay_run?: string; correlation_id: string }>(subject)
      ).filter((envelope) => envelope.id.endsWith(`@replay:${started.run_id}`));
      expect({ subject, replayed: replayed.length }).toEqual({
        subject,
        replayed: expectedMessageCounts(gazettes)[subject],
      });
      expect(
        replayed.every((e) => e.replay_run === started.run_id && e.correlation_id === `replay:${started.run_id}`),
      ).toBe(true);
    }
  }, 120_000);

  it('reports no change when the same parser runs again', async () => {
    const started = await startReplay({ gazette_ids: gazettes.map((g) => g.id) });
    const report = await completed(started.run_id);
    expect(report.totals).toEqual({
      gazettes: 4,
      done: 4,
      documents: { added: 0, removed: 0, changed: 0 },
      appointments: { added: 0, removed: 0, changed: 0 },
    });
    expect(report.run.gazette_count).toBe(4);
    expect(report.gazettes.map((g) => [g.document_count, g.documents_recorded])).toEqual(
      report.gazettes.map((status) => {
        const count = gazettes.find((g) => g.id === status.gazette_id)!.parse.documents.length;
        return [count, count];
      }),
    );
    // A page of the run's gazettes, the totals still over all of them.
    const page = await status(started.run_id, { offset: 1, limit: 2 });
    if (!page.ok) throw new Error(page.error.message);
    expect(page.result.gazettes.map((g) => g.gazette_id)).toEqual(report.gazettes.slice(1, 3).map((g) => g.gazette_id));
    expect(page.result.page).toEqual({ offset: 1, limit: 2, total: 4 });
    expect(page.result.totals).toEqual(report.totals);
    await expectStoredAsParsed(harness, gazettes);
  }, 120_000);

  it('drops downstream what a parse no longer finds, and restores it with the next', async () => {
    const tenuresBefore = await tenureRows();
    expect(tenuresBefore.some((t) => t.evidence_documents.includes(documentId(fenyang.id, fenyangLast)))).toBe(true);

    await useParser(parserLosingFenyangLast);
    const lost = await completed((await startReplay({ gazette_ids: [fenyang.id] })).run_id);
    const lostDocument = documentId(fenyang.id, fenyangLast);
    expect(gazetteOf(lost, fenyang)).toMatchObject({
      document_count: fenyangLast,
      documents: { added: [], removed: [{ document_id: lostDocument }], changed: [] },
      appointments: { added: [], changed: [] },
    });
    expect(
      gazetteOf(lost, fenyang)
        .appointments.removed.map((a) => a.appointment_id)
        .sort(),
    ).toEqual(fenyangLastRecords.map((r) => r.id).sort());
    expect(await rowsOf(lostDocument)).toEqual({ documents: 0, entities: 0, appointments: 0 });
    const tenuresWithout = await tenureRows();
    expect(tenuresWithout.some((t) => t.evidence_documents.includes(lostDocument))).toBe(false);

    await useParser(undefined);
    const restored = await completed((await startReplay({ gazette_ids: [fenyang.id] })).run_id);
    expect(restored.totals.documents).toEqual({ added: 1, removed: 0, changed: 0 });
    expect(restored.totals.appointments).toEqual({ added: fenyangLastRecords.length, removed: 0, changed: 0 });
    expect(await rowsOf(lostDocument)).toMatchObject({ documents: 1, appointments: fenyangLastRecords.length });
    await expectStoredAsParsed(harness, gazettes);
    expect(await tenureRows()).toEqual(tenuresBefore);
  }, 120_000);

  it('publishes nothing for a dry run, refuses unknown gazettes and accepts an empty selection', async () => {
    const before = await harness.waitUntilSettled();
    const dry = await startReplay({ all: true, dry_run: true });
    expect(dry.dry_run).toBe(true);
    expect(dry.gazettes).toHaveLength(4);
    expect(await status(dry.run_id)).toEqual({
      ok: false,
      error: { status: 404, message: `no replay run ${dry.run_id}` },
    });

    const unknown = 'f'.repeat(64);
    const refused = await harness.rpc('replay.start', { gazette_ids: [fenyang.id, unknown] });
    expect(refused).toEqual({
      ok: false,
      error: { status: 404, message: `no stored gazette ${unknown}; nothing was replayed` },
    });

    const none = await startReplay({ since: '2999-01-01' });
    expect(none.gazettes).toEqual([]);
    const report = await completed(none.run_id);
    expect(report).toMatchObject({ complete: true, gazettes: [], totals: { gazettes: 0, done: 0 } });

    const after = await harness.waitUntilSettled();
    expect(after.counts).toEqual(before.counts);
    await expect(harness.rpc('replay.start', { all: true, since: '2023-01-01' })).rejects.toThrow(
      /exactly one of gazette_ids, all or since/,
    );
  }, 60_000);

  it('is started and followed over HTTP by an operator only, and from the command line', async () => {
    const gateway = await adminGateway(harness);
    try {
      const http = gateway.app.getHttpServer() as Parameters<typeof request>[0];
      await request(http).post('/admin/replay').send({ all: true }).expect(401);
      const bad = await request(http)
        .post('/admin/replay')
        .set('Authorization', `Bearer ${ADMIN_KEY}`)
        .send({ all: true, since: '2023-01-01' })
        .expect(400);
      expect(bad.body.issues).toEqual([expect.objectContaining({ path: 'since' })]);
      const unknown = 'f'.repeat(64);
      await request(http)
        .post('/admin/replay')
        .set('X-API-Key', ADMIN_KEY)
        .send({ gazette_ids: [unknown] })
        .expect(404);
      await request(http).get('/admin/replays/r00000000000000-none').set('X-API-Key', ADMIN_KEY).expect(404);

      const started = await request(http)
        .post('/admin/replay')
        .set('X-API-Key', ADMIN_KEY)
        .set('X-Correlation-Id', 'ops-ticket-42')
        .send({ gazette_ids: [lvliang.id] })
        .expect(202);
      expect(started.body).toMatchObject({ dry_run: false, gazettes: [{ gazette_id: lvliang.id }] });
      const report = await completed(started.body.run_id);
      expect(report.run).toMatchObject({ requested_by: 'admin', selection: { by: 'gazettes' } });
      const followed = await request(http)
        .get(`/admin/replays/${started.body.run_id}`)
        .set('X-API-Key', ADMIN_KEY)
        .expect(200);
      expect(followed.body).toMatchObject({ complete: true, totals: { gazettes: 1, done: 1 } });
      const replayed = await harness.storedEnvelopes<{ id: string; correlation_id: string }>(SUBJECTS.gazetteIngested);
      expect(replayed.find((e) => e.id.endsWith(`@replay:${started.body.run_id}`))?.correlation_id).toBe(
        'ops-ticket-42',
      );

      const out: string[] = [];
      const err: string[] = [];
      const code = await runReplay(
        {
          apiUrl: await gateway.listen(),
          adminKey: ADMIN_KEY,
          gazetteIds: [fenyang.id],
          all: false,
          dryRun: false,
          wait: true,
          timeoutMs: PIPELINE_TIMEOUT_MS,
          pollMs: 100,
        },
        { out: (line) => out.push(line), err: (line) => err.push(line) },
      );
      expect({ code, err }).toEqual({ code: 0, err: [] });
      expect(out).toContainEqual(expect.stringMatching(/^replay r\d{14}-[a-z0-9]{4} complete: 1\/1 gazette\(s\)$/));
      expect(out).toContain('  appointments: 0 added, 0 removed, 0 changed');
    } finally {
      await gateway.close();
    }
  }, 60_000);

  async function rowsOf(document: string) {
    const [row] = await harness.query<{ documents: number; entities: number; appointments: number }>(
      `SELECT (SELECT count(*)::int FROM segmentation.document WHERE document_id = $1) AS documents,
              (SELECT count(*)::int FROM extraction.document_entities WHERE document_id = $1) AS entities,
              (SELECT count(*)::int FROM appointments.appointment WHERE document_id = $1) AS appointments`,
      [document],
    );
    return row;
  }

  async function tenureRows() {
    return harness.query<{
      tenure_id: string;
      status: string;
      start: string | null;
      end: string | null;
      predecessor_id: string | null;
      successor_id: string | null;
      evidence_documents: string[];
    }>(
      `SELECT tenure_id, status, start, "end", predecessor_id, successor_id,
              ARRAY(SELECT e->>'document_id' FROM jsonb_array_elements(evidence) e ORDER BY 1) AS evidence_documents
         FROM appointments.tenure ORDER BY tenure_id`,
    );
  }
});

const ADMIN_KEY = 'replay-spec-operator-key-0123456789';

/**
 * The gateway's admin replay routes as the API serves them — its guard, its error filter and its
 * repository over NATS — in an application of their own, since the API module is assembled elsewhere.
 */
async function adminGateway(harness: PipelineHarness) {
  const client = new JetStreamClient({
    servers: harness.natsUrl,
    name: 'replay-spec-gateway',
    namespace: new Namespace(harness.namespace.subjectPrefix, harness.namespace.streamPrefix),
    requestTimeoutMs: 5_000,
  });
  await client.connect();
  const moduleRef = await Test.createTestingModule({
    controllers: [AdminReplayController],
    providers: [
      { provide: ServiceQueryRepository, useValue: new ServiceQueryRepository(client) },
      {
        provide: ApiKeyAuthenticator,
        useValue: new ApiKeyAuthenticator({ adminKeys: [ADMIN_KEY], lookup: async () => null }),
      },
    ],
  }).compile();
  const app: INestApplication = moduleRef.createNestApplication({ logger: false });
  app.useGlobalFilters(new ServiceQueryExceptionFilter());
  await app.init();
  return {
    app,
    async listen(): Promise<string> {
      await app.listen(0, '127.0.0.1');
      return `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    },
    async close(): Promise<void> {
      await app.close();
      await client.close();
    },
  };
}
