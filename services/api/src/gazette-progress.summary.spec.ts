import type { StageProgress } from '@gazette-watch/contracts';
import { summariseProgress, type StageAnswer, type StageName } from './gazette-progress.summary';

const GAZETTE = 'a'.repeat(64);

function answered(stage: StageName, done: number, expected: number | null): StageAnswer {
  const progress: StageProgress = { gazette_id: GAZETTE, stage, done, expected, updated_at: null };
  return { ok: true, progress };
}

function answers(overrides: Partial<Record<StageName, StageAnswer>> = {}): Record<StageName, StageAnswer> {
  return {
    ingestion: answered('ingestion', 1, 1),
    segmentation: answered('segmentation', 3, 3),
    extraction: answered('extraction', 3, 3),
    appointments: answered('appointments', 4, null),
    notification: answered('notification', 5, null),
    ...overrides,
  };
}

describe('summariseProgress', () => {
  it('is complete when every stage reached its expected count or the documents were all extracted', () => {
    const view = summariseProgress(GAZETTE, answers());
    expect(view).toMatchObject({ status: 'complete', complete: true, documents: 3 });
    expect(view.stages.map((s) => [s.stage, s.status])).toEqual([
      ['ingestion', 'done'],
      ['segmentation', 'done'],
      ['extraction', 'done'],
      ['appointments', 'done'],
      ['notification', 'done'],
    ]);
  });

  it('keeps the fact stages in progress until the documents are all extracted', () => {
    const view = summariseProgress(GAZETTE, answers({ extraction: answered('extraction', 2, 3) }));
    expect(view.complete).toBe(false);
    expect(view.stages.map((s) => s.status)).toEqual(['done', 'done', 'in_progress', 'in_progress', 'in_progress']);
  });

  it('takes the documents count from extraction when segmentation does not know it', () => {
    const view = summariseProgress(
      GAZETTE,
      answers({ segmentation: answered('segmentation', 3, null), extraction: answered('extraction', 3, 3) }),
    );
    expect(view).toMatchObject({ documents: 3, complete: true });
  });

  it('shows a stage that did not answer as unavailable and is then not complete', () => {
    const view = summariseProgress(GAZETTE, answers({ notification: { ok: false, error: 'no responders' } }));
    expect(view.complete).toBe(false);
    expect(view.stages[4]).toEqual({
      gazette_id: GAZETTE,
      stage: 'notification',
      status: 'unavailable',
      done: null,
      expected: null,
      updated_at: null,
      error: 'no responders',
    });
  });

  it('is never complete while no stage knows the documents count (an unknown gazette)', () => {
    const view = summariseProgress(
      GAZETTE,
      answers({
        ingestion: answered('ingestion', 0, null),
        segmentation: answered('segmentation', 0, null),
        extraction: answered('extraction', 0, null),
        appointments: answered('appointments', 0, null),
        notification: answered('notification', 0, null),
      }),
    );
    expect(view).toMatchObject({ complete: false, documents: null });
    expect(view.stages.every((s) => s.status === 'in_progress')).toBe(true);
  });

  it('completes a gazette without documents', () => {
    const view = summariseProgress(
      GAZETTE,
      answers({
        segmentation: answered('segmentation', 0, 0),
        extraction: answered('extraction', 0, 0),
        appointments: answered('appointments', 0, null),
        notification: answered('notification', 0, null),
      }),
    );
    expect(view).toMatchObject({ complete: true, documents: 0 });
  });

  it('waits for the facts the parse found once segmentation reports them', () => {
    const segmentation: StageAnswer = {
      ok: true,
      progress: {
        gazette_id: GAZETTE,
        stage: 'segmentation',
        done: 3,
        expected: 3,
        updated_at: null,
        expected_facts: { appointments: 2, regulations: 1 },
      },
    };
    const waiting = summariseProgress(
      GAZETTE,
      answers({
        segmentation,
        appointments: answered('appointments', 2, null),
        notification: answered('notification', 2, null),
      }),
    );
    expect(waiting.stages.map((s) => [s.stage, s.status, s.expected])).toEqual([
      ['ingestion', 'done', 1],
      ['segmentation', 'done', 3],
      ['extraction', 'done', 3],
      ['appointments', 'done', 2],
      ['notification', 'in_progress', 3],
    ]);
    expect(waiting.complete).toBe(false);
    const finished = summariseProgress(
      GAZETTE,
      answers({
        segmentation,
        appointments: answered('appointments', 2, null),
        notification: answered('notification', 3, null),
      }),
    );
    expect(finished.complete).toBe(true);
  });
});
