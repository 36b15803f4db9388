import { parseRpcReply, parseRpcRequest, RPC_CONTRACTS } from './rpc.schema';
import { replaySelectionOf, replaySelectorsSchema, replayStartRequestSchema } from './replay.schema';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);

function issuesOf(input: unknown): string[] {
  const result = replaySelectorsSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
}

describe('replay selectors', () => {
  it('takes exactly one of gazette_ids, all and since', () => {
    expect(replaySelectorsSchema.parse({ all: true })).toEqual({ all: true, dry_run: false });
    expect(replaySelectorsSchema.parse({ since: '2023-01-01', dry_run: true })).toEqual({
      since: '2023-01-01',
      dry_run: true,
    });
    expect(replaySelectorsSchema.parse({ gazette_ids: [A] }).gazette_ids).toEqual([A]);
    expect(issuesOf({})).toEqual(['name exactly one of gazette_ids, all or since (got none)']);
    expect(issuesOf({ all: true, since: '2023-01-01' })).toEqual([
      'name exactly one of gazette_ids, all or since (got all, since)',
    ]);
  });

  it('accepts an empty list of gazettes: a run of nothing', () => {
    expect(replaySelectionOf(replaySelectorsSchema.parse({ gazette_ids: [] }))).toEqual({
      by: 'gazettes',
      gazette_ids: [],
    });
  });

  it('refuses malformed ids, dates, all: false and unknown fields', () => {
    expect(issuesOf({ gazette_ids: ['abc'] })).toHaveLength(1);
    expect(issuesOf({ gazette_ids: [A.toUpperCase()] })).toHaveLength(1);
    expect(issuesOf({ since: '2023-02-30' })).toEqual(['since must be a date (YYYY-MM-DD)']);
    expect(issuesOf({ all: false })).toContain('all must be true when given');
    expect(issuesOf({ all: true, gazette: A })).toHaveLength(1);
    expect(issuesOf({ all: true, dry_run: 'yes' })).toHaveLength(1);
  });

  it('stores the selector given, each gazette once', () => {
    const parse = (input: unknown) => replaySelectionOf(replaySelectorsSchema.parse(input));
    expect(parse({ all: true })).toEqual({ by: 'all' });
    expect(parse({ since: '2024-05-01' })).toEqual({ by: 'since', since: '2024-05-01' });
    expect(parse({ gazette_ids: [B, A, B] })).toEqual({ by: 'gazettes', gazette_ids: [B, A] });
  });

  it('names who asked, or nobody in particular', () => {
    expect(replayStartRequestSchema.parse({ all: true })).toEqual({
      all: true,
      dry_run: false,
      requested_by: 'unknown',
    });
    expect(replayStartRequestSchema.parse({ all: true, requested_by: 'admin' }).requested_by).toBe('admin');
    expect(replayStartRequestSchema.safeParse({ requested_by: 'admin' }).success).toBe(false);
    expect(replayStartRequestSchema.safeParse({ all: true, gazette: A }).success).toBe(false);
    expect(replayStartRequestSchema.safeParse({ all: true, correlation_id: 'a b' }).success).toBe(false);
    expect(replayStartRequestSchema.parse({ all: true, correlation_id: 'ops-42' }).correlation_id).toBe('ops-42');
  });
});

describe('replay RPC contracts', () => {
  it('are answered by the services that own runs, documents and appointments', () => {
    expect(RPC_CONTRACTS['replay.start'].service).toBe('ingestion');
    expect(RPC_CONTRACTS['replay.status'].service).toBe('ingestion');
    expect(RPC_CONTRACTS['replay.documents-report'].service).toBe('segmentation');
    expect(RPC_CONTRACTS['replay.appointments-report'].service).toBe('appointments');
  });

  it('answer a refusal with the HTTP status the gateway passes on', () => {
    expect(parseRpcReply('replay.start', { ok: false, error: { status: 404, message: 'no gazette x' } })).toEqual({
      ok: false,
      error: { status: 404, message: 'no gazette x' },
    });
    expect(() => parseRpcReply('replay.start', { ok: false, error: { status: 500, message: 'x' } })).toThrow();
    expect(
      parseRpcReply('replay.start', {
        ok: true,
        result: { run_id: 'r1', dry_run: true, gazette_count: 0, gazettes: [] },
      }),
    ).toMatchObject({ ok: true });
  });

  it('need a run for the appointments report, not for the documents report', () => {
    expect(parseRpcRequest('replay.documents-report', { gazette_ids: [A] })).toEqual({ gazette_ids: [A] });
    expect(() => parseRpcRequest('replay.appointments-report', { gazette_ids: [A] })).toThrow();
    expect(parseRpcRequest('replay.appointments-report', { run_id: 'r1', gazette_ids: [] })).toEqual({
      run_id: 'r1',
      gazette_ids: [],
    });
    expect(() => parseRpcRequest('replay.status', { run_id: 'r1@replay:x' })).toThrow();
  });

  it('keep each message small: reports of at most 500 gazettes, status pages of at most 500', () => {
    expect(() => parseRpcRequest('replay.documents-report', { gazette_ids: Array(501).fill(A) })).toThrow();
    expect(parseRpcRequest('replay.status', { run_id: 'r1' })).toEqual({ run_id: 'r1', offset: 0, limit: 100 });
    expect(() => parseRpcRequest('replay.status', { run_id: 'r1', limit: 501 })).toThrow();
  });
});
