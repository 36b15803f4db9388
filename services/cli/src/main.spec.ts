import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from './main';

const SAMPLE = join(__dirname, '..', '..', '..', 'samples', 'gazettes', 'fenyang-2023-4.txt');

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
}

describe('gazette CLI', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'gazette-cli-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints one pretty JSON document in the schema shape for one file', async () => {
    const c = capture();
    expect(await main(['parse', SAMPLE, '--json'], c.io)).toBe(0);
    const json = JSON.parse(c.out.join('\n'));
    expect(json.gazette.publisher).toBe('汾阳市人民政府');
    expect(json.documents).toHaveLength(7);
    expect(json.documents[0]).toMatchObject({ doc_number: '汾政办发〔2023〕33号', start_line: 80 });
    expect(c.err).toEqual([]);
  });

  it('prints one JSON object per line for several files', async () => {
    const c = capture();
    expect(await main(['parse', SAMPLE, SAMPLE, '--json'], c.io)).toBe(0);
    expect(c.out).toHaveLength(2);
    for (const line of c.out) expect(JSON.parse(line).source).toBe(SAMPLE);
  });

  it('prints a readable summary by default', async () => {
    const c = capture();
    expect(await main(['parse', SAMPLE], c.io)).toBe(0);
    const text = c.out.join('\n');
    expect(text).toContain('汾阳市人民政府 · 2023 第4期');
    expect(text).toContain('汾政发〔2023〕21号');
  });

  it.each([
    ['empty', Buffer.alloc(0), /empty/],
    ['binary', Buffer.from('%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n', 'latin1'), /PDF/],
  ])('rejects an %s file with one line on stderr and exit 1', async (name, bytes, message) => {
    const file = join(dir, `${name}.txt`);
    writeFileSync(file, bytes);
    const c = capture();
    expect(await main(['parse', file, '--json'], c.io)).toBe(1);
    expect(c.out).toEqual([]);
    expect(c.err).toHaveLength(1);
    expect(c.err[0]).toMatch(message);
    expect(c.err[0]).not.toMatch(/\n|at .*\.ts/);
  });

  it('rejects a missing file, a directory and an oversized file, and still parses the good one', async () => {
    const c = capture();
    const code = await main(['parse', join(dir, 'nope.txt'), dir, SAMPLE, '--summary', '--max-bytes', '1000000'], c.io);
    expect(code).toBe(1);
    expect(c.err).toEqual([expect.stringMatching(/nope\.txt: no such file/), expect.stringMatching(/is a directory/)]);
    expect(c.out).toHaveLength(1);

    const small = capture();
    expect(await main(['parse', SAMPLE, '--max-bytes', '100'], small.io)).toBe(1);
    expect(small.err[0]).toMatch(/over the 100-byte limit/);
  });

  it('answers usage mistakes with exit 2', async () => {
    for (const argv of [
      [],
      ['parse'],
      ['frobnicate', 'x'],
      ['parse', SAMPLE, '--json', '--summary'],
      ['parse', SAMPLE, '--bogus'],
    ]) {
      const c = capture();
      expect(await main(argv, c.io)).toBe(2);
    }
    const help = capture();
    expect(await main(['--help'], help.io)).toBe(0);
    expect(help.out.join('')).toMatch(/usage: gazette parse/);
  });

  it('lists every command in the overview', async () => {
    const help = capture();
    expect(await main(['-h'], help.io)).toBe(0);
    for (const command of ['parse', 'up', 'ingest', 'migrate', 'watch', 'subscribe']) {
      expect(help.out.join('\n')).toMatch(new RegExp(`^(usage:| {6}) gazette ${command}\\b`, 'm'));
      expect(help.out.join('\n')).toMatch(new RegExp(`^ {2}${command} +\\w`, 'm'));
    }
  });

  it.each([
    [['parse', SAMPLE, '--timeout', '5'], 'unknown option --timeout', 'parse'],
    [['parse', SAMPLE, '--exit'], 'unknown option --exit', 'parse'],
    [['parse', SAMPLE, '--json=yes'], '--json takes no value', 'parse'],
    [['parse', SAMPLE, '--max-bytes', '0'], '--max-bytes takes a positive whole number', 'parse'],
    [['up', '--json'], 'unknown option --json', 'up'],
    [['up', 'some.txt'], 'up takes no files (see --samples)', 'up'],
    [['up', '--timeout', 'soon'], '--timeout takes a positive whole number', 'up'],
    [['ingest'], 'ingest needs at least one FILE or DIR', 'ingest'],
    [['ingest', 'x.txt', '--summary'], 'unknown option --summary', 'ingest'],
    [['ingest', 'x.txt', '--samples', 'd'], 'unknown option --samples', 'ingest'],
    [['migrate', '--json'], 'unknown option --json', 'migrate'],
    [['--json', 'parse', SAMPLE], 'unknown option --json (options follow the command)', null],
  ])('reads %j against that command’s own flags', async (argv, message, command) => {
    const c = capture();
    expect(await main(argv, c.io, { env: {} })).toBe(2);
    const [first, ...usage] = c.err.join('\n').split('\n');
    expect(first).toBe(`gazette: ${message}`);
    expect(usage[0]).toMatch(command ? new RegExp(`^usage: gazette ${command}\\b`) : /^usage: gazette parse/);
    expect(c.out).toEqual([]);
  });

  it('shows one command’s help with --help, the other arguments aside', async () => {
    for (const command of ['parse', 'up', 'ingest', 'migrate']) {
      const c = capture();
      expect(await main([command, 'file.txt', '--help'], c.io)).toBe(0);
      expect(c.out.join('\n')).toMatch(new RegExp(`^usage: gazette ${command}\\b`));
    }
  });

  it('takes an inline value and a value after the flag alike', async () => {
    const inline = capture();
    expect(await main(['parse', SAMPLE, '--max-bytes=100'], inline.io)).toBe(1);
    expect(inline.err[0]).toMatch(/over the 100-byte limit/);
  });
});
