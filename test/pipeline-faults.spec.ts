import { TEST_INFRASTRUCTURE_TIMEOUT_MS, waitFor } from '@gazette-watch/testing';
import type { GazetteProgressView, StageView } from '../services/api/src/gazette-progress.summary';
import {
  PipelineHarness,
  expectStoredAsParsed,
  expectedMessageCounts,
  expectedPublicEvents,
  expectedPublicSubjects,
  sampleGazettes,
  type Gazette,
  type PublicEvents,
} from './pipeline-harness';

/**
 * The pipeline under faults: a stage that is down holds its work in the stream and catches up,
 * each fact once, when it comes back; a malformed event is parked in the dead letters with its
 * reason without holding up the gazettes behind it.
 */
describe('pipeline faults (six services in-process, PostgreSQL + NATS)', () => {
  const samples = sampleGazettes();
  const fenyang = samples.find((g) => g.fileName === 'fenyang-2023-4.txt') as Gazette;
  const lvliang = samples.find((g) => g.fileName === 'lvliang-2023.txt') as Gazette;
  let harness: PipelineHarness;
  let publicEvents: PublicEvents;

  beforeAll(async () => {
    harness = await PipelineHarness.open();
    // Extraction is down: its durable consumer does not even exist until it first starts.
    await harness.startPipeline({ skip: ['extraction'] });
    publicEvents = await harness.subscribePublicEvents();
  }, TEST_INFRASTRUCTURE_TIMEOUT_MS);

  afterAll(async () => {
    await harness?.close();
  }, TEST_INFRASTRUCTURE_TIMEOUT_MS);

  function stage(view: GazetteProgressView, name: StageView['stage']): StageView {
    const found = view.stages.find((s) => s.stage === name);
    if (!found) throw new Error(`no ${name} stage in the progress of ${view.gazette_id}`);
    return found;
  }

  /** Rows, stream messages and public announcements are exactly those of the parse of `gazettes`. */
  async function expectExactlyTheParse(gazettes: readonly Gazette[], extraIngested = 0): Promise<void> {
    await waitFor(async () => publicEvents.received.length >= expectedPublicEvents(gazettes), {
      timeoutMs: 10_000,
      description: `${expectedPublicEvents(gazettes)} public announcements`,
    });
    await expectStoredAsParsed(harness, gazettes);
    const settled = await harness.waitUntilSettled();
    const expected = expectedMessageCounts(gazettes);
    expect(settled.counts).toEqual({ ...expected, 'gazette.ingested': expected['gazette.ingested'] + extraIngested });
    expect(publicEvents.received.map((event) => event.subject).sort()).toEqual(expectedPublicSubjects(gazettes));
    expect(new Set(publicEvents.received.map((event) => event.id)).size).toBe(expectedPublicEvents(gazettes));
  }

  it('keeps the segmented documents while extraction is down and completes them once it starts', async () => {
    const documents = lvliang.parse.documents.length;
    expect((await harness.ingest(lvliang)).status).toBe(201);

    const segmented = await waitFor(
      async () => {
        const view = await harness.progress(lvliang.id);
        return stage(view, 'segmentation').status === 'done' && view;
      },
      { timeoutMs: 30_000, intervalMs: 250, description: 'segmentation to finish lvliang' },
    );
    // Nothing downstream of extraction can move; settled means the stages had every chance to.
    const settled = await harness.waitUntilSettled();
    expect(settled.counts).toEqual({
      'gazette.ingested': 1,
      'document.segmented': documents,
      'document.extracted': 0,
      'appointment.recorded': 0,
      'regulation.published': 0,
    });
    const view = await harness.progress(lvliang.id);
    expect(view.complete).toBe(false);
    expect(segmented.documents).toBe(documents);
    expect(
      Object.fromEntries(view.stages.map((s) => [s.stage, { status: s.status, done: s.done, expected: s.expected }])),
    ).toEqual({
      ingestion: { status: 'done', done: 1, expected: 1 },
      segmentation: { status: 'done', done: documents, expected: documents },
      extraction: { status: 'unavailable', done: null, expected: null },
      appointments: { status: 'in_progress', done: 0, expected: lvliang.parse.appointments.length },
      notification: expect.objectContaining({ status: 'in_progress', done: 0 }),
    });
    expect(publicEvents.received).toEqual([]);
    expect(await harness.query(`SELECT to_regclass('extraction.entity') AS entity`)).toEqual([{ entity: null }]);
    expect(await harness.query('SELECT count(*)::int AS n FROM appointments.appointment')).toEqual([{ n: 0 }]);
    expect(await harness.storedDocuments(lvliang)).toHaveLength(documents);

    await harness.start('extraction');
    await harness.waitUntilComplete([lvliang]);
    await expectExactlyTheParse([lvliang]);
  }, 90_000);

  it('dead-letters malformed events on the segmentation input, with the reason, and goes on', async () => {
    const invalidJson = '{"type":"gazette.ingested","version":1,"payload":';
    const invalidPayload = JSON.stringify({
      type: 'gazette.ingested',
      version: 1,
      id: 'gazette.ingested:not-a-digest',
      correlation_id: 'fault-invalid-payload',
      occurred_at: new Date().toISOString(),
      producer: 'ingestion',
      payload: { gazette_id: 'not-a-digest', file_name: 'broken.txt' },
    });
    const jsonAck = await harness.publishRaw('gazette.ingested', invalidJson, 'fault:invalid-json');
    const payloadAck = await harness.publishRaw('gazette.ingested', invalidPayload, 'fault:invalid-payload');
    // Right behind the broken events on the same consumer.
    expect((await harness.ingest(fenyang)).status).toBe(201);
    await harness.waitUntilComplete([fenyang]);

    const letters = await waitFor(
      async () => {
        const found = await harness.deadLetters('segmentation');
        return found.length >= 2 && found;
      },
      { timeoutMs: 10_000, description: 'two dead letters on deadletter.segmentation' },
    );
    const expectedLetters = [
      { stream_seq: jsonAck.seq, reason: 'malformed_json', data: invalidJson },
      { stream_seq: payloadAck.seq, reason: 'invalid_payload', data: invalidPayload },
    ].map((letter) => ({ ...letter, service: 'segmentation', stream: 'GAZETTES', subject: 'gazette.ingested' }));
    expect(
      letters.map(({ entry: { service, stream, subject, stream_seq, reason, data } }) => ({
        stream_seq,
        reason,
        data,
        service,
        stream,
        subject,
      })),
    ).toEqual(expectedLetters);
    expect(letters[0].entry.error).toMatch(/JSON/);
    expect(letters[1].entry.error).toMatch(/gazette_id/);

    const rows = await harness.query<{ stream_seq: number; reason: string; data: string; error: string }>(
      `SELECT service, subject, stream_seq::int, deliveries, reason, error, data
         FROM segmentation.dead_letter ORDER BY stream_seq`,
    );
    expect(rows).toEqual(
      letters.map(({ entry }) => ({
        service: 'segmentation',
        subject: 'gazette.ingested',
        stream_seq: entry.stream_seq,
        deliveries: 1,
        reason: entry.reason,
        error: entry.error,
        data: entry.data,
      })),
    );
    // Only segmentation gave up on anything.
    const { state } = await harness.jsm.streams.info(harness.stream('DEADLETTER'));
    expect(state.messages).toBe(2);

    await expectExactlyTheParse([lvliang, fenyang], 2);
  }, 60_000);
});
