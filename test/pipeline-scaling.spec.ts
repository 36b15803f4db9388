import { TEST_INFRASTRUCTURE_TIMEOUT_MS } from '@gazette-watch/testing';
import { ExtractDocument } from '../services/extraction/src/use-cases/extract-document.use-case';
import { SegmentGazette } from '../services/segmentation/src/use-cases/segment-gazette.use-case';
import {
  PipelineHarness,
  expectStoredAsParsed,
  expectedMessageCounts,
  sampleGazettes,
  variantOf,
  type RunningService,
} from './pipeline-harness';

/**
 * Replicas share one durable consumer per stream: two segmentation and two extraction instances
 * (same configuration, so the same consumer names) split the work between them, and every gazette
 * and document is still handled exactly once.
 */
describe('pipeline with replicas (six services in-process, PostgreSQL + NATS)', () => {
  // The samples and a variant of each (a trailing blank line changes the digest, not the content):
  // eight gazettes give both replicas of each stage a fair chance of a share of the work.
  const samples = sampleGazettes();
  const gazettes = [...samples, ...samples.map((g, k) => variantOf(g, k + 1))];
  let harness: PipelineHarness;
  /** Calls of each replica's use case, observed without changing what it does. */
  let segmentations: jest.SpyInstance[];
  let extractions: jest.SpyInstance[];

  beforeAll(async () => {
    harness = await PipelineHarness.open();
    await harness.startPipeline({ instances: { segmentation: 2, extraction: 2 } });
    const spyOn = <T extends object>(services: RunningService[], useCase: abstract new (...args: never[]) => T) =>
      services.map((service) => jest.spyOn(service.app.get<T, { execute: () => unknown }>(useCase), 'execute'));
    segmentations = spyOn(harness.instancesOf('segmentation'), SegmentGazette);
    extractions = spyOn(harness.instancesOf('extraction'), ExtractDocument);
  }, TEST_INFRASTRUCTURE_TIMEOUT_MS);

  afterAll(async () => {
    jest.restoreAllMocks();
    await harness?.close();
  }, TEST_INFRASTRUCTURE_TIMEOUT_MS);

  /** Calls that resolved, per replica. */
  async function completed(spies: jest.SpyInstance[]): Promise<number[]> {
    return Promise.all(
      spies.map(async (spy) => {
        const outcomes = await Promise.allSettled(spy.mock.results.map((result) => result.value as Promise<unknown>));
        return outcomes.filter((outcome) => outcome.status === 'fulfilled').length;
      }),
    );
  }

  it('splits the gazettes and documents between the replicas and handles each exactly once', async () => {
    expect(new Set(gazettes.map((g) => g.id)).size).toBe(8);
    expect(harness.instancesOf('segmentation')).toHaveLength(2);
    expect(harness.instancesOf('extraction')).toHaveLength(2);

    for (const gazette of gazettes) expect((await harness.ingest(gazette)).status).toBe(201);
    await harness.waitUntilComplete(gazettes);
    const settled = await harness.waitUntilSettled();

    expect(settled.counts).toEqual(expectedMessageCounts(gazettes));
    await expectStoredAsParsed(harness, gazettes);
    // One durable consumer per (service, stream), whatever the number of replicas.
    expect(settled.consumers.map((c) => `${c.stream}/${c.name}`)).toEqual([
      'DOCUMENTS/appointments',
      'DOCUMENTS/extraction',
      'FACTS/notification',
      'GAZETTES/segmentation',
    ]);

    const documents = gazettes.reduce((total, g) => total + g.parse.documents.length, 0);
    const perSegmentation = await completed(segmentations);
    const perExtraction = await completed(extractions);
    // Every gazette segmented once and every document extracted once, across the replicas...
    expect(perSegmentation.reduce((a, b) => a + b, 0)).toBe(gazettes.length);
    expect(perExtraction.reduce((a, b) => a + b, 0)).toBe(documents);
    // ...and both replicas of each took part.
    expect(perSegmentation.every((n) => n > 0)).toBe(true);
    expect(perExtraction.every((n) => n > 0)).toBe(true);
  }, 90_000);

  // create<Name>App returns the Nest app, not its JetStreamServer, so `stats()` is out of reach
  // without Nest's private `serverInstance`; the use-case counts above stand in for it.
  it.todo(
    "each replica's JetStreamServer reports stats().processed > 0 — needs createSegmentationApp/createExtractionApp to expose the server",
  );
});
