import { replayStatusSchema, type ReplayRunRecord } from '@gazette-watch/contracts';
import {
  gazetteStatus,
  replayCorrelationId,
  replayRunId,
  replayStatus,
  type DocumentsReportItem,
} from './replay-run.rules';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const run: ReplayRunRecord = {
  run_id: 'r20251123160203-0f3a',
  selection: { by: 'all' },
  dry_run: false,
  requested_at: '2025-11-23T16:02:03.000Z',
  requested_by: 'admin',
  gazette_ids: [A, B],
  status: 'published',
};

function documentsOf(gazette: string, count: number, added = 0): DocumentsReportItem {
  return {
    gazette_id: gazette,
    pipeline_version: '0.2.0',
    report: {
      document_count: count,
      added: Array.from({ length: added }, (_, i) => ({ document_id: `${gazette}:${i}`, title: `第${i}号` })),
      removed: [],
      changed: [],
      pipeline_version: '0.2.0',
      reported_at: '2025-11-23T16:02:04.000Z',
    },
  };
}

const noAppointments = { added: [], removed: [], changed: [] };

describe('replay run ids', () => {
  it('are r, the UTC start to the second, and a suffix', () => {
    expect(replayRunId(new Date('2025-11-23T16:02:03.456Z'), '0f3a')).toBe('r20251123160203-0f3a');
    expect(replayRunId(new Date('2025-01-02T03:04:05+08:00'), 'zz99')).toBe('r20250101190405-zz99');
    expect(replayRunId(new Date(), 'abcd')).toMatch(/^r\d{14}-abcd$/);
  });

  it('refuse a suffix that is not 4 lower-case letters or digits, and an invalid date', () => {
    expect(() => replayRunId(new Date(), 'AB12')).toThrow(RangeError);
    expect(() => replayRunId(new Date(), 'a-b1')).toThrow(RangeError);
    expect(() => replayRunId(new Date(), 'abc')).toThrow(RangeError);
    expect(() => replayRunId(new Date('nope'), 'abcd')).toThrow(RangeError);
  });

  it('name the correlation id of a run nobody named one for', () => {
    expect(replayCorrelationId('r20251123160203-0f3a')).toBe('replay:r20251123160203-0f3a');
  });
});

describe('a gazette of a run', () => {
  it('is not done before segmentation reported it', () => {
    const status = gazetteStatus(A, 'a.txt', { gazette_id: A, pipeline_version: '0.1.0', report: null }, undefined);
    expect(status).toMatchObject({
      document_count: null,
      documents_recorded: 0,
      pipeline_version: '0.1.0',
      done: false,
    });
  });

  it('is done once the appointments stage saw as many documents as the new parse has', () => {
    const seen = (documents: number) => ({ gazette_id: A, documents_recorded: documents, ...noAppointments });
    expect(gazetteStatus(A, 'a.txt', documentsOf(A, 3), seen(2)).done).toBe(false);
    expect(gazetteStatus(A, 'a.txt', documentsOf(A, 3), seen(3))).toMatchObject({
      document_count: 3,
      documents_recorded: 3,
      pipeline_version: '0.2.0',
      done: true,
    });
  });

  it('with no document left is done as soon as segmentation reported it', () => {
    expect(
      gazetteStatus(A, 'a.txt', documentsOf(A, 0), { gazette_id: A, documents_recorded: 0, ...noAppointments }).done,
    ).toBe(true);
  });
});

describe('the status of a run', () => {
  const seenAll = [
    { gazette_id: A, documents_recorded: 2, ...noAppointments },
    {
      gazette_id: B,
      documents_recorded: 1,
      added: [
        {
          appointment_id: 'c'.repeat(32),
          document_id: `${B}:0`,
          person: '王吉',
          action: 'appoint' as const,
          position: '局长',
        },
      ],
      removed: [],
      changed: [],
    },
  ];

  it('adds up the changes and is complete when every gazette is done', () => {
    const status = replayStatus(run, new Map([[A, 'a.txt']]), {
      documents: [documentsOf(A, 2, 1), documentsOf(B, 1)],
      appointments: seenAll,
    });
    expect(replayStatusSchema.parse(status)).toEqual(status);
    expect(status.totals).toEqual({
      gazettes: 2,
      done: 2,
      documents: { added: 1, removed: 0, changed: 0 },
      appointments: { added: 1, removed: 0, changed: 0 },
    });
    expect(status.gazettes.map((g) => g.file_name)).toEqual(['a.txt', B]);
    expect(status.complete).toBe(true);
    expect(status.unavailable).toEqual([]);
  });

  it('is not complete while a stage does not answer, and names it', () => {
    const status = replayStatus(run, new Map(), {
      documents: [documentsOf(A, 2), documentsOf(B, 1)],
      appointments: null,
    });
    expect(status.unavailable).toEqual(['appointments']);
    expect(status.complete).toBe(false);
    expect(status.gazettes.every((g) => !g.done)).toBe(true);
  });

  it('is not complete while its events are still being published, nor after publishing failed', () => {
    const reports = { documents: [documentsOf(A, 2), documentsOf(B, 1)], appointments: seenAll };
    expect(replayStatus({ ...run, status: 'publishing' }, new Map(), reports).complete).toBe(false);
    expect(replayStatus({ ...run, status: 'failed' }, new Map(), reports).complete).toBe(false);
  });

  it('lists one page of gazettes while the totals cover them all', () => {
    const reports = { documents: [documentsOf(A, 2, 1), documentsOf(B, 1)], appointments: seenAll };
    const status = replayStatus(run, new Map(), reports, { offset: 1, limit: 1 });
    expect(replayStatusSchema.parse(status)).toEqual(status);
    expect(status.gazettes.map((g) => g.gazette_id)).toEqual([B]);
    expect(status.page).toEqual({ offset: 1, limit: 1, total: 2 });
    expect(status.totals).toMatchObject({ gazettes: 2, done: 2, documents: { added: 1 } });
    expect(status.run).toMatchObject({ gazette_count: 2 });
    expect(status.run).not.toHaveProperty('gazette_ids');
  });

  it('of no gazette is complete at once', () => {
    const status = replayStatus({ ...run, gazette_ids: [] }, new Map(), { documents: [], appointments: [] });
    expect(status).toMatchObject({ complete: true, gazettes: [], totals: { gazettes: 0, done: 0 } });
  });
});
