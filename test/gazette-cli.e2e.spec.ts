import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The command as a user runs it after `npm ci`: the bin npm links, the compiled code, the real
 * exit codes and streams. `npm ci` builds through `prepare`; in a dev tree, `npm run build` first.
 */

const ROOT = join(__dirname, '..');
const BIN = join(ROOT, 'node_modules', '.bin', 'gazette');
const SAMPLES = join(ROOT, 'samples', 'gazettes');

function gazette(...args: string[]) {
  return spawnSync(BIN, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

describe('gazette (built, as installed)', () => {
  beforeAll(() => {
    if (!existsSync(join(ROOT, 'services', 'cli', 'dist', 'main.js'))) {
      throw new Error('the CLI is not built: run `npm run build` (npm ci does it through prepare)');
    }
  });

  it('is linked as a bin and parses every sample gazette, one JSON object per line', () => {
    const files = ['fenyang-2023-4.txt', 'linfen-2022-11-12.txt', 'lvliang-2023.txt', 'zhongyang-2023-2.txt'];
    const run = gazette('parse', ...files.map((f) => join(SAMPLES, f)), '--json');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const results = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(results.map((r) => r.documents.length)).toEqual([7, 19, 20, 34]);
    expect(results.map((r) => r.appointments.length)).toEqual([3, 0, 37, 0]);
  });

  it('exits non-zero with one line and no stack trace for a missing file', () => {
    const run = gazette('parse', join(SAMPLES, 'no-such-gazette.txt'));
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/no such file/);
  });
});
