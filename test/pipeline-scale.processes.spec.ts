import { SUBJECTS } from '@gazette-watch/contracts';
import { TEST_INFRASTRUCTURE_TIMEOUT_MS, waitFor } from '@gazette-watch/testing';
import {
  PipelineHarness,
  expectStoredAsParsed,
  expectedMessageCounts,
  expectedPublicEvents,
  sampleGazettes,
  variantOf,
  type Gazette,
  type PublicEvents,
} from './pipeline-harness';
import { ProcessPipeline, type ServiceReplica } from './pipeline-process-harness';

/**
 * Operating at scale: three processes of every consumer service sharing their durable consumers,
 * a hundred gazettes (two thousand documents) ingested over HTTP, and one segmentation and one
 * extraction process killed outright (SIGKILL: no graceful shutdown, in-flight messages left
 * unacknowledged) a third of the way through. The survivors must finish the work, every document
 * processed exactly once: no event lost, none duplicated, every row there once.
 */
describe('pipeline at scale (14 processes, 3 replicas per consumer, SIGKILL mid-run)', () => {
  // The four samples × 25 variants: a trailing blank line changes the digest, not the content.
  const gazettes: Gazette[] = sampleGazettes().flatMap((g) =>
    Array.from({ length: 25 }, (_, k) => variantOf(g, k + 1)),
  );
  const expected = expectedMessageCounts(gazettes);
  const totalDocuments = expected[SUBJECTS.documentExtracted];
  let harness: PipelineHarness;
  let pipeline: ProcessPipeline;
  let publicEvents: PublicEvents;

  beforeAll(async () => {
    harness = await PipelineHarness.open();
    // 24000–24059: below the kernel's ephemeral range (32768 and up), where the tests' own outgoing
    // connections would take a port at random, and away from the services' defaults and the bench.
    pipeline = new ProcessPipeline(harness, {
      basePort: 24_000,
      replicas: { ingestion: 1, segmentation: 3, extraction: 3, appointments: 3, notification: 3, api: 1 },
    });
    await pipeline.start();
    publicEvents = await harness.subscribePublicEvents();
  }, 240_000);

  afterAll(async () => {
    await pipeline?.stop();
    await harness?.close();
  }, TEST_INFRASTRUCTURE_TIMEOUT_MS + 40_000);

  async function ingestAll(): Promise<string[]> {
    const ids: string[] = new Array<string>(gazettes.length);
    let next = 0;
    // A few uploads at a time: the ingestion service is one process on a two-core machine.
    const worker = async (): Promise<void> => {
      for (let i = next++; i < gazettes.length; i = next++) {
        const reply = await pipeline.api.ingest(gazettes[i].fileName, gazettes[i].bytes);
        if (reply.duplicate) throw new Error(`${gazettes[i].fileName} was taken for a duplicate`);
        ids[i] = reply.gazette_id;
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    return ids;
  }

  /** Polls the API until it reports every gazette complete, asking again only about the unfinished. */
  async function waitUntilAllComplete(timeoutMs: number): Promise<void> {
    let unfinished = gazettes.map((g) => g.id);
    await waitFor(
      async () => {
        const stillRunning: string[] = [];
        for (const id of unfinished) if (!(await pipeline.api.progress(id)).complete) stillRunning.push(id);
        unfinished = stillRunning;
        if (unfinished.length > 0) throw new Error(`${unfinished.length} gazette(s) not complete`);
        return true;
      },
      { timeoutMs, intervalMs: 500, description: `the API to report ${gazettes.length} gazettes complete` },
    );
  }

  it('finishes every gazette after a segmentation and an extraction process are killed, each document exactly once', async () => {
    expect(new Set(gazettes.map((g) => g.id)).size).toBe(100);
    expect(expected[SUBJECTS.gazetteIngested]).toBe(100);
    for (const name of ['segmentation', 'extraction', 'appointments', 'notification'] as const) {
      expect(pipeline.of(name)).toHaveLength(3);
    }
    const started = Date.now();

    const ids = await ingestAll();
    expect(ids).toEqual(gazettes.map((g) => g.id));

    // About a third of the documents extracted: the stages are busy, with work in flight.
    const third = Math.ceil(totalDocuments / 3);
    const extractedAtKill = await waitFor(
      async () => {
        const n = await harness.storedCount(SUBJECTS.documentExtracted);
        return n >= third ? n : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 100, description: `${third} documents extracted` },
    );
    const [segmentationVictim] = pipeline.of('segmentation');
    const [extractionVictim] = pipeline.of('extraction');
    const victims: ServiceReplica[] = [segmentationVictim, extractionVictim];
    const signals = await Promise.all(victims.map((victim) => pipeline.kill(victim)));
    const atKill = await harness.snapshot();
    expect(signals).toEqual(['SIGKILL', 'SIGKILL']);
    // The kill has to land mid-run, or it tests nothing.
    expect(extractedAtKill).toBeLessThan(totalDocuments);

    // The survivors take over, including what the killed processes held unacknowledged (after ack_wait).
    await waitFor(
      async () => {
        const counts = await harness.messageCounts();
        return Object.entries(expected).every(([subject, n]) => counts[subject as keyof typeof counts] >= n);
      },
      { timeoutMs: 100_000, intervalMs: 500, description: 'every expected event stored' },
    );
    await waitUntilAllComplete(60_000);
    // Quiet means nothing pending and nothing unacknowledged, which covers the killed processes'
    // messages being redelivered and acked by a survivor.
    const settled = await harness.waitUntilSettled(2_000, 60_000);
    const elapsedSeconds = (Date.now() - started) / 1000;

    // Every event exactly once: JetStream's de-duplication absorbs the survivors' republishing.
    expect(settled.counts).toEqual(expected);
    expect(settled.consumers.map((c) => `${c.stream}/${c.name}`)).toEqual([
      'DOCUMENTS/appointments',
      'DOCUMENTS/extraction',
      'FACTS/notification',
      'GAZETTES/segmentation',
    ]);

    // Every row exactly once.
    const [rows] = await harness.query<Record<string, string>>(`
      SELECT (SELECT count(*) FROM segmentation.document) AS documents,
             (SELECT count(*) FROM extraction.document_entities) AS extracted,
             (SELECT count(*) FROM appointments.appointment) AS appointments,
             (SELECT count(*) FROM notification.notification_event) AS notifications`);
    expect(Object.fromEntries(Object.entries(rows).map(([k, v]) => [k, Number(v)]))).toEqual({
      documents: totalDocuments,
      extracted: totalDocuments,
      appointments: expected[SUBJECTS.appointmentRecorded],
      notifications: expected[SUBJECTS.appointmentRecorded] + expected[SUBJECTS.regulationPublished],
    });
    // ...and each equal to the parse of its gazette, field for field.
    await expectStoredAsParsed(harness, gazettes);

    // Nothing given up on, each fact announced once, and no survivor fell over.
    const deadLetters = await harness.jsm.streams.info(harness.stream('DEADLETTER'));
    expect(deadLetters.state.messages).toBe(0);
    expect(publicEvents.received).toHaveLength(expectedPublicEvents(gazettes));
    expect(new Set(publicEvents.received.map((e) => e.id)).size).toBe(expectedPublicEvents(gazettes));
    expect(pipeline.crashed(victims).map((r) => `${r.name}-${r.replica}`)).toEqual([]);

    // The work was shared: every surviving consumer replica handled messages.
    const survivors = pipeline.replicas.filter((r) => !['api', 'ingestion'].includes(r.name) && !victims.includes(r));
    const processed = await Promise.all(survivors.map((r) => pipeline.processed(r)));
    expect(processed.every((n) => n > 0)).toBe(true);

    // Deliveries beyond one per message: what the survivors were handed again after the kill.
    const redelivered = Object.fromEntries(
      await Promise.all(
        (
          [
            ['GAZETTES', 'segmentation', SUBJECTS.gazetteIngested],
            ['DOCUMENTS', 'extraction', SUBJECTS.documentSegmented],
          ] as const
        ).map(async ([stream, consumer, subject]) => {
          const info = await harness.jsm.consumers.info(harness.stream(stream), consumer);
          return [consumer, info.delivered.consumer_seq - expected[subject]] as const;
        }),
      ),
    );
    // The killed extraction process held documents unacknowledged: a survivor was handed them again.
    expect(redelivered.extraction).toBeGreaterThan(0);
    const inFlight = atKill.consumers.map((c) => `${c.stream}/${c.name} pending ${c.pending} unacked ${c.ackPending}`);
    console.info(
      [
        `${gazettes.length} gazettes, ${totalDocuments} documents through 14 processes in ${elapsedSeconds.toFixed(1)} s`,
        `killed segmentation-0 and extraction-0 at ${extractedAtKill}/${totalDocuments} extracted; then ${inFlight.join(', ')}`,
        `redelivered: segmentation ${redelivered.segmentation}, extraction ${redelivered.extraction}`,
        `processed per surviving replica: ${survivors.map((r, i) => `${r.name}-${r.replica} ${processed[i]}`).join(', ')}`,
      ].join('\n'),
    );
  }, 240_000);
});
