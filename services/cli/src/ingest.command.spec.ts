import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expandPaths, progressLine } from './ingest.command';
import { mediaTypeOf } from './pipeline-api.repository';

describe('gazette ingest', () => {
  it('expands directories to their gazette files, sorted, and keeps named files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gazette-ingest-'));
    try {
      mkdirSync(join(dir, 'in'));
      for (const name of ['b.txt', 'a.html', 'notes.pdf', 'c.md']) writeFileSync(join(dir, 'in', name), 'x');
      writeFileSync(join(dir, 'single.bin'), 'x');
      expect(await expandPaths([join(dir, 'in'), join(dir, 'single.bin')])).toEqual([
        join(dir, 'in', 'a.html'),
        join(dir, 'in', 'b.txt'),
        join(dir, 'in', 'c.md'),
        join(dir, 'single.bin'),
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('shows each stage of a gazette, unknown stages as pending', () => {
    const line = progressLine({
      file: '/x/lvliang-2023.txt',
      gazetteId: 'a'.repeat(64),
      duplicate: false,
      progress: {
        gazette_id: 'a'.repeat(64),
        complete: false,
        stages: [
          { gazette_id: 'a', stage: 'ingestion', done: 1, expected: 1 },
          { gazette_id: 'a', stage: 'segmentation', done: 20, expected: 20 },
          { gazette_id: 'a', stage: 'extraction', done: 7, expected: 20 },
          { gazette_id: 'a', stage: 'appointments', done: 0, expected: null, status: 'unavailable' },
        ],
      },
    });
    expect(line).toMatch(/^… lvliang-2023\.txt/);
    expect(line).toContain('segmentation 20/20');
    expect(line).toContain('extraction 7/20');
    expect(line).toContain('appointments ?');
    expect(line).toContain('notification …');
  });

  it.each([
    ['a.txt', 'text/plain'],
    ['A.HTML', 'text/html'],
    ['b.md', 'text/markdown'],
    ['c', 'application/octet-stream'],
  ])('sends %s as %s', (name, type) => {
    expect(mediaTypeOf(name)).toBe(type);
  });
});
