import type { ReplayGazetteStatus, ReplayStarted, ReplayStatus } from '@gazette-watch/contracts';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  progressLine,
  startedLines,
  replaySelectors,
  reportLines,
  runReplay,
  type ReplayCommandOptions,
} from './replay.command';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const KEY = 'operator-key-0123456789abcdef';
const RUN = 'r20251123160203-0f3a';

const started: ReplayStarted = {
  run_id: RUN,
  dry_run: false,
  gazette_count: 2,
  gazettes: [
    { gazette_id: A, file_name: 'fenyang-2023-4.txt', pipeline_version_stored: '0.1.0' },
    { gazette_id: B, file_name: 'lvliang-2023.txt', pipeline_version_stored: null },
  ],
};

const none = { added: [], removed: [], changed: [] };

function gazette(id: string, fileName: string, recorded: number, overrides: Partial<ReplayGazetteStatus> = {}) {
  return {
    gazette_id: id,
    file_name: fileName,
    document_count: 2,
    documents_recorded: recorded,
    pipeline_version: '0.2.0',
    documents: none,
    appointments: none,
    done: recorded >= 2,
    ...overrides,
  } satisfies ReplayGazetteStatus;
}

function statusOf(gazettes: ReplayGazetteStatus[], complete: boolean): ReplayStatus {
  const count = (pick: (g: ReplayGazetteStatus) => { added: unknown[]; removed: unknown[]; changed: unknown[] }) => ({
    added: gazettes.reduce((n, g) => n + pick(g).added.length, 0),
    removed: gazettes.reduce((n, g) => n + pick(g).removed.length, 0),
    changed: gazettes.reduce((n, g) => n + pick(g).changed.length, 0),
  });
  return {
    run: {
      run_id: RUN,
      selection: { by: 'all' },
      dry_run: false,
      requested_at: '2025-11-23T16:02:03.000Z',
      requested_by: 'admin',
      gazette_count: gazettes.length,
      status: 'published',
    },
    gazettes,
    page: { offset: 0, limit: 100, total: gazettes.length },
    totals: {
      gazettes: gazettes.length,
      done: gazettes.filter((g) => g.done).length,
      documents: count((g) => g.documents),
      appointments: count((g) => g.appointments),
    },
    complete,
    unavailable: [],
  };
}

const addedAppointment = {
  appointment_id: 'c'.repeat(32),
  document_id: `${B}:17`,
  person: '刘小军',
  action: 'appoint' as const,
  position: '吕梁市人民政府副秘书长',
};
const finished = statusOf(
  [
    gazette(A, 'fenyang-2023-4.txt', 2, {
      documents: {
        added: [{ document_id: `${A}:6`, title: '汾阳市人民政府关于李建忠等同志任免职务的通知' }],
        removed: [],
        changed: [],
      },
    }),
    gazette(B, 'lvliang-2023.txt', 2, { appointments: { added: [addedAppointment], removed: [], changed: [] } }),
  ],
  true,
);

interface Received {
  method: string;
  url: string;
  authorization: string | undefined;
  body: unknown;
}

/** A stand-in for the API gateway: answers each request with the next prepared answer for its route. */
class ApiStandIn {
  readonly received: Received[] = [];
  private server!: Server;
  private readonly answers = new Map<string, Array<[number, unknown]>>();

  answer(route: string, ...answers: Array<[number, unknown]>): void {
    this.answers.set(route, [...(this.answers.get(route) ?? []), ...answers]);
  }

  async listen(): Promise<string> {
    this.server = createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    // fetch keeps connections alive; without this the server would wait for them to time out.
    this.server.closeAllConnections();
    return closed;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let text = '';
    for await (const chunk of request) text += String(chunk);
    const route = `${request.method} ${request.url}`;
    this.received.push({
      method: request.method ?? '',
      url: request.url ?? '',
      authorization: request.headers.authorization,
      body: text ? JSON.parse(text) : undefined,
    });
    const queue = this.answers.get(route) ?? [];
    // The last answer of a route repeats, as a polled endpoint's would.
    const [status, body] = (queue.length > 1 ? queue.shift() : queue[0]) ?? [404, { message: `no route ${route}` }];
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }
}

function recordingIo() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (text: string) => out.push(text), err: (text: string) => err.push(text) }, out, err };
}

describe('gazette replay', () => {
  let api: ApiStandIn;
  let options: ReplayCommandOptions;

  beforeEach(async () => {
    api = new ApiStandIn();
    const apiUrl = await api.listen();
    options = {
      apiUrl,
      adminKey: KEY,
      gazetteIds: [],
      all: true,
      dryRun: false,
      wait: true,
      timeoutMs: 5_000,
      pollMs: 10,
    };
  });

  afterEach(() => api.close());

  it('starts the run with the operator key, follows it and prints the changed facts', async () => {
    api.answer('POST /admin/replay', [202, started]);
    const halfway = statusOf([gazette(A, 'fenyang-2023-4.txt', 1), gazette(B, 'lvliang-2023.txt', 0)], false);
    api.answer(
      `GET /admin/replays/${RUN}?offset=0&limit=100`,
      [200, halfway],
      [503, { message: 'the ingestion service did not answer' }],
      [200, finished],
    );
    const { io, out, err } = recordingIo();

    expect(await runReplay(options, io)).toBe(0);
    expect(err).toEqual([]);
    expect(api.received[0]).toEqual({
      method: 'POST',
      url: '/admin/replay',
      authorization: `Bearer ${KEY}`,
      body: { all: true, dry_run: false },
    });
    expect(
      api.received
        .slice(1)
        .every((r) => r.url === `/admin/replays/${RUN}?offset=0&limit=100` && r.authorization === `Bearer ${KEY}`),
    ).toBe(true);
    expect(out[0]).toBe(`replay ${RUN}: 2 gazette(s)`);
    expect(out[1]).toContain('(stored by 0.1.0)');
    expect(out[2]).toContain('(never segmented)');
    expect(out).toContain(progressLine(halfway.gazettes[0]));
    expect(out.slice(-7)).toEqual([
      `replay ${RUN} complete: 2/2 gazette(s)`,
      '  documents:    1 added, 0 removed, 0 changed',
      '  appointments: 1 added, 0 removed, 0 changed',
      '  fenyang-2023-4.txt',
      '    + document 6: 汾阳市人民政府关于李建忠等同志任免职务的通知',
      '  lvliang-2023.txt',
      '    + appointed: 刘小军, 吕梁市人民政府副秘书长',
    ]);
  });

  it('reads every page of a large run for the final report', async () => {
    api.answer('POST /admin/replay', [202, started]);
    const [first, second] = finished.gazettes;
    api.answer(`GET /admin/replays/${RUN}?offset=0&limit=100`, [
      200,
      { ...finished, gazettes: [first], page: { offset: 0, limit: 1, total: 2 } },
    ]);
    api.answer(`GET /admin/replays/${RUN}?offset=1&limit=500`, [
      200,
      { ...finished, gazettes: [second], page: { offset: 1, limit: 500, total: 2 } },
    ]);
    const { io, out } = recordingIo();
    expect(await runReplay(options, io)).toBe(0);
    expect(out.slice(-4)).toEqual([
      '  fenyang-2023-4.txt',
      '    + document 6: 汾阳市人民政府关于李建忠等同志任免职务的通知',
      '  lvliang-2023.txt',
      '    + appointed: 刘小军, 吕梁市人民政府副秘书长',
    ]);
  });

  it('says how many gazettes a run has when it lists only the first', () => {
    const lines = startedLines({ ...started, gazette_count: 1200 });
    expect(lines.slice(0, 2)).toEqual([`replay ${RUN}: 1200 gazette(s)`, '  (the first 2 listed)']);
  });

  it('returns at once for --no-wait and for a dry run', async () => {
    api.answer('POST /admin/replay', [202, started], [202, { ...started, dry_run: true }]);
    const first = recordingIo();
    expect(await runReplay({ ...options, wait: false, all: false, gazetteIds: [A] }, first.io)).toBe(0);
    expect(api.received.map((r) => r.body)).toEqual([{ gazette_ids: [A], dry_run: false }]);

    const dry = recordingIo();
    expect(await runReplay({ ...options, all: false, since: '2023-01-01', dryRun: true }, dry.io)).toBe(0);
    expect(api.received[1].body).toEqual({ since: '2023-01-01', dry_run: true });
    expect(dry.out[0]).toBe(`dry run ${RUN}: would replay 2 gazette(s); nothing was published`);
    expect(api.received).toHaveLength(2);
  });

  it('fails with the API’s message on a refusal, and when the run does not complete in time', async () => {
    api.answer('POST /admin/replay', [
      404,
      { statusCode: 404, message: `no stored gazette ${B}; nothing was replayed` },
    ]);
    const refused = recordingIo();
    expect(await runReplay({ ...options, all: false, gazetteIds: [B] }, refused.io)).toBe(1);
    expect(refused.err).toEqual([`gazette: replay refused: 404 no stored gazette ${B}; nothing was replayed`]);

    const slow = new ApiStandIn();
    const slowUrl = await slow.listen();
    try {
      slow.answer('POST /admin/replay', [202, started]);
      slow.answer(`GET /admin/replays/${RUN}?offset=0&limit=100`, [
        200,
        statusOf([gazette(A, 'fenyang-2023-4.txt', 0)], false),
      ]);
      const timedOut = recordingIo();
      expect(await runReplay({ ...options, apiUrl: slowUrl, timeoutMs: 100 }, timedOut.io)).toBe(1);
      expect(timedOut.err[0]).toMatch(new RegExp(`replay ${RUN} not complete within 0 s; the run goes on`));
    } finally {
      await slow.close();
    }
  });

  it('gives up on a run the API no longer knows, and when it cannot reach the API', async () => {
    api.answer('POST /admin/replay', [202, started]);
    api.answer(`GET /admin/replays/${RUN}?offset=0&limit=100`, [404, { message: `no replay run ${RUN}` }]);
    const unknown = recordingIo();
    expect(await runReplay(options, unknown.io)).toBe(1);
    expect(unknown.err).toEqual([`gazette: replay ${RUN}: 404 no replay run ${RUN}`]);

    const closed = recordingIo();
    await api.close();
    expect(await runReplay(options, closed.io)).toBe(1);
    expect(closed.err[0]).toMatch(/^gazette: replay refused: http:\/\/127\.0\.0\.1:\d+\/admin\/replay: \S+/);
    api = new ApiStandIn();
    await api.listen();
  });

  it('refuses to start without a key or without exactly one selection, before asking', async () => {
    const noKey = recordingIo();
    expect(await runReplay({ ...options, adminKey: undefined }, noKey.io)).toBe(2);
    expect(noKey.err).toEqual(['gazette: replay needs an operator API key in GAZETTE_ADMIN_KEY']);
    const both = recordingIo();
    expect(await runReplay({ ...options, since: '2023-01-01' }, both.io)).toBe(2);
    expect(both.err).toEqual(['gazette: name exactly one of --gazette ID, --all or --since DATE']);
    expect(api.received).toEqual([]);
  });
});

describe('replay selections', () => {
  const base = { gazetteIds: [] as string[], all: false, dryRun: false };

  it('become the body of POST /admin/replay', () => {
    expect(replaySelectors({ ...base, gazetteIds: [A, B, A] })).toEqual({ gazette_ids: [A, B, A], dry_run: false });
    expect(replaySelectors({ ...base, all: true, dryRun: true })).toEqual({ all: true, dry_run: true });
    expect(replaySelectors({ ...base, since: '2024-02-29' })).toEqual({ since: '2024-02-29', dry_run: false });
  });

  it('name the flag that is wrong', () => {
    expect(replaySelectors(base)).toBe('name exactly one of --gazette ID, --all or --since DATE');
    expect(replaySelectors({ ...base, gazetteIds: ['abc'] })).toBe(
      '--gazette: a gazette id is a sha256 hex digest (64 characters)',
    );
    expect(replaySelectors({ ...base, since: '2023-02-30' })).toBe('--since: since must be a date (YYYY-MM-DD)');
  });
});

describe('replay report', () => {
  it('shows removed and changed facts with their own signs', () => {
    const status = statusOf(
      [
        gazette(A, 'fenyang-2023-4.txt', 2, {
          documents: {
            added: [],
            removed: [{ document_id: `${A}:6`, title: '任免通知' }],
            changed: [{ document_id: `${A}:2`, title: '办法' }],
          },
          appointments: {
            added: [],
            removed: [],
            changed: [{ ...addedAppointment, action: 'remove', person: '王吉' }],
          },
        }),
      ],
      true,
    );
    expect(reportLines(status).slice(3)).toEqual([
      '  fenyang-2023-4.txt',
      '    - document 6: 任免通知',
      '    ~ document 2: 办法',
      '    ~ removed: 王吉, 吕梁市人民政府副秘书长',
    ]);
  });

  it('shows a gazette segmentation has not reached yet', () => {
    expect(progressLine(gazette(A, 'a.txt', 0, { document_count: null, done: false }))).toBe(
      `… ${'a.txt'.padEnd(28)} waiting for segmentation  +0 -0 ~0 documents, +0 -0 ~0 appointments`,
    );
  });
});
