import type { StageProgress } from '@gazette-watch/contracts';

/** The stages in pipeline order, each with the query that reports it. */
export const PROGRESS_STAGES = [
  { stage: 'ingestion', query: 'ingestion.progress' },
  { stage: 'segmentation', query: 'segmentation.progress' },
  { stage: 'extraction', query: 'extraction.progress' },
  { stage: 'appointments', query: 'appointments.progress' },
  { stage: 'notification', query: 'notification.progress' },
] as const;

export type StageName = (typeof PROGRESS_STAGES)[number]['stage'];

/** A stage's answer, or why there is none. */
export type StageAnswer = { ok: true; progress: StageProgress } | { ok: false; error: string };

export type StageStatus = 'done' | 'in_progress' | 'unavailable';

export interface StageView {
  gazette_id: string;
  stage: StageName;
  status: StageStatus;
  /** Null when the stage did not answer. */
  done: number | null;
  expected: number | null;
  updated_at: string | null;
  /** Why the stage is unavailable. */
  error?: string;
}

export interface GazetteProgressView {
  gazette_id: string;
  status: 'complete' | 'in_progress';
  complete: boolean;
  /** Documents the gazette was segmented into, once a document stage knows. */
  documents: number | null;
  stages: StageView[];
}

/**
 * Combines the stages' answers. A stage that knows how many items it expects is done at
 * `done ≥ expected`. The fact stages (appointments, notification) cannot know how many facts will
 * come; segmentation reports how many the parse found (`expected_facts`), which sets what they wait
 * for: every appointment recorded, every appointment and regulation notified. Without that report
 * they count as done once the document stages have reached the documents' count. The gazette is
 * complete when every stage answered and is done; a stage that did not answer keeps it in progress.
 */
export function summariseProgress(gazetteId: string, answers: Record<StageName, StageAnswer>): GazetteProgressView {
  const documents = documentCount(answers);
  const documentStagesReached =
    documents !== null &&
    (['segmentation', 'extraction'] as const).every((stage) => {
      const answer = answers[stage];
      return answer.ok && answer.progress.done >= documents;
    });

  const stages = PROGRESS_STAGES.map(({ stage }): StageView => {
    const answer = answers[stage];
    if (!answer.ok) {
      return {
        gazette_id: gazetteId,
        stage,
        status: 'unavailable',
        done: null,
        expected: null,
        updated_at: null,
        error: answer.error,
      };
    }
    const { done, updated_at } = answer.progress;
    const facts = answer.progress.expected === null ? expectedFacts(stage, answers) : null;
    const expected = answer.progress.expected ?? facts;
    const finished =
      answer.progress.expected !== null
        ? done >= answer.progress.expected
        : documentStagesReached && (facts === null || done >= facts);
    return { gazette_id: gazetteId, stage, status: finished ? 'done' : 'in_progress', done, expected, updated_at };
  });

  const complete = documents !== null && stages.every((stage) => stage.status === 'done');
  return { gazette_id: gazetteId, status: complete ? 'complete' : 'in_progress', complete, documents, stages };
}

/** The documents' count as the document stages know it (segmentation first: it makes them). */
function documentCount(answers: Record<StageName, StageAnswer>): number | null {
  for (const stage of ['segmentation', 'extraction'] as const) {
    const answer = answers[stage];
    if (answer.ok && answer.progress.expected !== null) return answer.progress.expected;
  }
  return null;
}

/** What a fact stage waits for, from the facts segmentation says the parse found. */
function expectedFacts(stage: StageName, answers: Record<StageName, StageAnswer>): number | null {
  const segmentation = answers.segmentation;
  const facts = segmentation.ok ? segmentation.progress.expected_facts : undefined;
  if (!facts) return null;
  if (stage === 'appointments') return facts.appointments;
  if (stage === 'notification') return facts.appointments + facts.regulations;
  return null;
}
