import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import fc from 'fast-check';

import type { AppointmentRecord } from '../model/gazette.model';
import { extractAppointments } from './appointment-extractor';

/** The sample gazettes and their hand-checked answers, kept in the repository. */
const SAMPLES = join(__dirname, '../../../../samples');

interface GoldAppointment {
  doc_number: string;
  person: string;
  action: string;
  position: string;
  qualifiers: string[];
}

function readLines(name: string): string[] {
  return readFileSync(join(SAMPLES, 'gazettes', `${name}.txt`), 'utf8').split('\n');
}

function goldFor(name: string, docNumber: string): GoldAppointment[] {
  const gold = JSON.parse(readFileSync(join(SAMPLES, 'gold', `${name}.json`), 'utf8')) as {
    appointments: GoldAppointment[];
  };
  return gold.appointments.filter((a) => a.doc_number === docNumber);
}

/** A notice: its doc-number line and its last line (1-based, as `sed -n` shows them). */
const NOTICES = [
  {
    gazette: 'lvliang-2023',
    docNumber: '吕政任〔2023〕4号',
    numberLine: 11560,
    lastLine: 11656,
    signedOn: '2023-04-22',
  },
  {
    gazette: 'lvliang-2023',
    docNumber: '吕政任〔2023〕5号',
    numberLine: 11660,
    lastLine: 11730,
    signedOn: '2023-05-19',
  },
  {
    gazette: 'lvliang-2023',
    docNumber: '吕政任〔2023〕6号',
    numberLine: 11734,
    lastLine: 11752,
    signedOn: '2023-06-02',
  },
  {
    gazette: 'fenyang-2023-4',
    docNumber: '汾政发〔2023〕21号',
    numberLine: 1367,
    lastLine: 1385,
    signedOn: '2023-11-24',
  },
];

function bodyLines(notice: (typeof NOTICES)[number]): string[] {
  const lines = readLines(notice.gazette);
  // The ranges are checked, so that an edited sample fails here rather than as a wrong count.
  expect(lines[notice.numberLine - 1].replace(/\s/g, '')).toBe(notice.docNumber);
  expect(lines[notice.lastLine - 1]).toMatch(/此件公开发布/);
  return lines.slice(notice.numberLine, notice.lastLine);
}

function extract(notice: (typeof NOTICES)[number], lines: string[]): AppointmentRecord[] {
  return extractAppointments(lines.join('\n'), {
    docNumber: notice.docNumber,
    signedOn: notice.signedOn,
    year: 2023,
  });
}

function scored(records: AppointmentRecord[]): GoldAppointment[] {
  return records.map(({ doc_number, person, action, position, qualifiers }) => ({
    doc_number: doc_number ?? '',
    person,
    action,
    position,
    qualifiers,
  }));
}

function wrap(lines: string[], widthAt: (lineIndex: number, chunk: number) => number): string[] {
  return lines.flatMap((line, i) => {
    if (!line.trim()) return [''];
    const out: string[] = [];
    for (let at = 0, chunk = 0; at < line.length; chunk++) {
      const width = Math.max(1, widthAt(i, chunk));
      out.push(line.slice(at, at + width));
      at += width;
    }
    return out;
  });
}

describe.each(NOTICES)('corpus notice $docNumber', (notice) => {
  const gold = goldFor(notice.gazette, notice.docNumber);

  it('gives exactly the gold appointments, in order', () => {
    const records = extract(notice, bodyLines(notice));
    expect(scored(records)).toEqual(gold);
    for (const r of records) {
      expect(r.confidence).toBeGreaterThanOrEqual(0.8);
      expect(r.signed_on).toBe(notice.signedOn);
    }
  });

  it('gives the same records when wrapped at 24 characters or at random widths', () => {
    const lines = bodyLines(notice);
    const expected = extract(notice, lines);
    expect(
      extract(
        notice,
        wrap(lines, () => 24),
      ),
    ).toEqual(expected);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 1, maxLength: 50 }), (widths) => {
        const wrapped = wrap(lines, (i, chunk) => widths[(i + chunk) % widths.length]);
        expect(extract(notice, wrapped)).toEqual(expected);
      }),
      { numRuns: 50 },
    );
  });
});

describe('corpus details', () => {
  it('names the deciding meeting and its date', () => {
    const fenyang = NOTICES[3];
    const records = extract(fenyang, bodyLines(fenyang));
    expect(records.map((r) => [r.meeting, r.meeting_date])).toEqual(
      Array(3).fill(['市人民政府党组会议', '2023-11-24']),
    );
  });

  it('keeps the pension remark of 到龄退休 removals as a note', () => {
    const records = extract(NOTICES[0], bodyLines(NOTICES[0]));
    const retired = records.filter((r) => r.qualifiers.includes('到龄退休'));
    expect(retired.map((r) => [r.person, r.notes])).toEqual([
      ['王拖维', ['退休待遇从2023年4月起执行']],
      ['刘奇旺', ['退休待遇从2023年4月起执行']],
    ]);
  });

  it('finds no appointments in the documents of gazettes that have none', () => {
    for (const gazette of ['linfen-2022-11-12', 'zhongyang-2023-2']) {
      const text = readLines(gazette).join('\n');
      expect(extractAppointments(text, { docNumber: null, signedOn: null, year: 2022 })).toEqual([]);
    }
  });
});
