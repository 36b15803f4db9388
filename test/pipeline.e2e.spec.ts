import { TEST_INFRASTRUCTURE_TIMEOUT_MS, waitFor } from '@gazette-watch/testing';
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
 * The acceptance test: the four sample gazettes go in over HTTP, and what comes out —
 * rows in every service's schema, events in every stream, announcements on the public subjects —
 * is exactly what `parseGazette` finds in the same bytes, each fact once; sending the files again
 * changes nothing.
 */
describe('pipeline end to end (six services in-process, PostgreSQL + NATS)', () => {
  const gazettes = sampleGazettes();
  let harness: PipelineHarness;
  let publicEvents: PublicEvents;

  beforeAll(async () => {
    harness = await PipelineHarness.open();
    await harness.startPipeline();
    // Before any ingestion, so that every announcement is seen.
    publicEvents = await harness.subscribePublicEvents();
  }, TEST_INFRASTRUCTURE_TIMEOUT_MS);

  afterAll(async () => {
    await harness?.close();
  }, TEST_INFRASTRUCTURE_TIMEOUT_MS);

  /** The database and the streams hold exactly the parse's facts, each event stored once. */
  async function expectExactlyTheParse(all: readonly Gazette[]): Promise<void> {
    await expectStoredAsParsed(harness, all);
    const settled = await harness.waitUntilSettled();
    expect(settled.counts).toEqual(expectedMessageCounts(all));
    expect(publicEvents.received.map((event) => event.subject).sort()).toEqual(expectedPublicSubjects(all));
    expect(new Set(publicEvents.received.map((event) => event.id)).size).toBe(expectedPublicEvents(all));
  }

  it('stores what the parser finds in the four samples and publishes every fact once', async () => {
    expect(gazettes.map((g) => g.fileName)).toEqual([
      'fenyang-2023-4.txt',
      'linfen-2022-11-12.txt',
      'lvliang-2023.txt',
      'zhongyang-2023-2.txt',
    ]);
    for (const gazette of gazettes) {
      const { status, body } = await harness.ingest(gazette);
      expect({ file: gazette.fileName, status, id: body.gazette_id, duplicate: body.duplicate }).toEqual({
        file: gazette.fileName,
        status: 201,
        id: gazette.id,
        duplicate: false,
      });
    }

    const views = await harness.waitUntilComplete(gazettes);
    expect(views.map((view) => [view.status, view.documents])).toEqual(
      gazettes.map((g) => ['complete', g.parse.documents.length]),
    );
    expect(expectedMessageCounts(gazettes)).toEqual({
      'gazette.ingested': 4,
      'document.segmented': 80,
      'document.extracted': 80,
      'appointment.recorded': 40,
      'regulation.published': 38,
    });
    // Complete means every fact recorded; its announcement may still be on the wire.
    await waitFor(async () => publicEvents.received.length >= expectedPublicEvents(gazettes), {
      timeoutMs: 10_000,
      description: `${expectedPublicEvents(gazettes)} public announcements`,
    });
    await expectExactlyTheParse(gazettes);
  }, 90_000);

  it('answers a second upload of the same files as duplicates and changes nothing', async () => {
    const before = await harness.waitUntilSettled();
    for (const gazette of gazettes) {
      const { status, body } = await harness.ingest(gazette);
      expect({ file: gazette.fileName, status, id: body.gazette_id, duplicate: body.duplicate }).toEqual({
        file: gazette.fileName,
        status: 200,
        id: gazette.id,
        duplicate: true,
      });
    }
    const views = await harness.waitUntilComplete(gazettes);
    expect(views.every((view) => view.complete)).toBe(true);

    const after = await harness.waitUntilSettled();
    expect(after.counts).toEqual(before.counts);
    expect(after.publicEvents).toBe(before.publicEvents);
    await expectExactlyTheParse(gazettes);
  }, 60_000);
});
