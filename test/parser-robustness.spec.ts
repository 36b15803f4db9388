import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import fc from 'fast-check';
import * as iconv from 'iconv-lite';

import { GazetteInputError, parseGazette, type GazetteInputErrorCode, type GazetteParse } from '@gazette-watch/parser';

const SAMPLES_DIR = join(__dirname, '..', 'samples', 'gazettes');
const samples = readdirSync(SAMPLES_DIR)
  .filter((file) => file.endsWith('.txt'))
  .sort()
  .map((file) => ({ file, text: readFileSync(join(SAMPLES_DIR, file), 'utf8') }));

/** Lines as the parser numbers them: CRLF and a lone CR end a line too. */
function lineCount(text: string): number {
  return text.replace(/\r\n?/g, '\n').split('\n').length;
}

function expectStructurallyValid(parse: GazetteParse, lines: number): void {
  expect(parse.gazette).toEqual(expect.any(Object));
  for (const list of [parse.documents, parse.appointments, parse.toc, parse.warnings])
    expect(Array.isArray(list)).toBe(true);
  for (const document of parse.documents) {
    expect(typeof document.title).toBe('string');
    expect(Array.isArray(document.issuers)).toBe(true);
    expect(Number.isInteger(document.start_line)).toBe(true);
    expect(document.start_line).toBeGreaterThanOrEqual(1);
    expect(document.start_line).toBeLessThanOrEqual(lines);
    expect(document.end_line).toBeGreaterThanOrEqual(document.start_line);
    expect(document.end_line).toBeLessThanOrEqual(lines);
  }
  for (const appointment of parse.appointments) {
    expect(typeof appointment.person).toBe('string');
    expect(['appoint', 'remove']).toContain(appointment.action);
    expect(Array.isArray(appointment.qualifiers)).toBe(true);
  }
}

/** What a damaged or hand-edited gazette may contain: the tokens its parsing keys on, out of place. */
const FRAGMENTS = [
  '关于印发',
  '的通知',
  '〔2023〕5号',
  '汾政发〔2023〕',
  '2023年4月18日',
  '2023 年 4 月',
  '任命：',
  '免去',
  '同志为',
  '职务',
  '（试用期一年）',
  '【人事任免】',
  '目 录',
  '附件：',
  '人民政府',
  '……………… 1',
  '# ',
  '| --- |',
];
const insertion = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: fc.integer({ min: 0x4e00, max: 0x9fff }).map((code) => String.fromCharCode(code)), maxLength: 20 }),
  fc.string({ unit: fc.constantFrom(...'〔〕《》（）()[]［］【】「」'), maxLength: 8 }),
  fc.string({ unit: fc.constantFrom(...'0123456789０１２３'), maxLength: 8 }),
  fc.constantFrom('\n', '\n\n', '\r\n', '\f', '\u3000'),
  fc.constantFrom(...FRAGMENTS),
  fc.array(fc.constantFrom(...FRAGMENTS, '\n'), { minLength: 2, maxLength: 6 }).map((parts) => parts.join('')),
);
/** Positions and lengths as fractions, so one arbitrary fits every text it is applied to. */
const share = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
const edit = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: share }),
  fc.record({ kind: fc.constant('delete' as const), at: share, length: fc.integer({ min: 1, max: 400 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: share, text: insertion }),
);
type Edit = typeof edit extends fc.Arbitrary<infer T> ? T : never;

function applyEdit(text: string, change: Edit): string {
  const at = Math.floor(change.at * text.length);
  switch (change.kind) {
    case 'truncate':
      return text.slice(0, at);
    case 'delete':
      return text.slice(0, at) + text.slice(at + change.length);
    case 'insert':
      return text.slice(0, at) + change.text + text.slice(at);
  }
}

function withoutEncoding({ encoding: _encoding, ...parse }: GazetteParse): Omit<GazetteParse, 'encoding'> {
  return parse;
}

describe('parseGazette robustness', () => {
  it('throws nothing but GazetteInputError on damaged gazettes, and returns well-formed results', () => {
    const damagedWindow = fc.record({
      sample: fc.integer({ min: 0, max: samples.length - 1 }),
      start: share,
      length: fc.integer({ min: 200, max: 3000 }),
      edits: fc.array(edit, { minLength: 1, maxLength: 6 }),
      // Cutting the bytes rather than the text can split a UTF-8 character.
      byteCut: fc.option(fc.integer({ min: 1, max: 3 }), { freq: 4 }),
    });
    fc.assert(
      fc.property(damagedWindow, ({ sample, start, length, edits, byteCut }) => {
        const lines = samples[sample].text.split('\n');
        const from = Math.floor(start * Math.max(1, lines.length - length));
        const text = edits.reduce(applyEdit, lines.slice(from, from + length).join('\n'));
        const bytes = Buffer.from(text);
        const input = byteCut === null ? bytes : bytes.subarray(0, Math.max(0, bytes.length - byteCut));
        let parse: GazetteParse;
        try {
          parse = parseGazette(input, { source: samples[sample].file });
        } catch (error) {
          if (error instanceof GazetteInputError) return;
          throw error;
        }
        expectStructurallyValid(parse, lineCount(text));
      }),
      { numRuns: 50 },
    );
  }, 60_000);

  describe.each(samples)('$file in other encodings', ({ file, text }) => {
    let expected: Omit<GazetteParse, 'encoding'>;
    beforeAll(() => {
      expected = withoutEncoding(parseGazette(Buffer.from(text), { source: file }));
    });

    it.each([
      ['gb18030', () => iconv.encode(text, 'gb18030')],
      ['utf-16le', () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])],
      ['utf-8-bom', () => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])],
    ])('parses %s exactly as UTF-8', (encoding, encode) => {
      const parse = parseGazette(encode(), { source: file });
      expect(parse.encoding).toBe(encoding);
      expect(withoutEncoding(parse)).toEqual(expected);
    });
  });

  describe('inputs that are not a gazette', () => {
    function inputErrorCode(input: Uint8Array): GazetteInputErrorCode {
      try {
        parseGazette(input, { source: 'bad-input' });
      } catch (error) {
        if (error instanceof GazetteInputError) return error.code;
        throw error;
      }
      throw new Error('expected a GazetteInputError');
    }

    it('rejects empty input as empty', () => {
      expect(inputErrorCode(new Uint8Array())).toBe('empty');
      expect(inputErrorCode(Buffer.from('\ufeff \n\n\u3000\n'))).toBe('empty');
    });

    it('rejects a PDF as binary', () => {
      expect(
        inputErrorCode(Buffer.from('%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n<< /Type /Catalog >>\n', 'latin1')),
      ).toBe('binary');
    });

    it('rejects random bytes as binary', () => {
      // A fixed seed: random-looking bytes, yet the same verdicts on every run.
      fc.assert(
        fc.property(fc.uint8Array({ minLength: 256, maxLength: 4096 }), (bytes) => {
          expect(inputErrorCode(bytes)).toBe('binary');
        }),
        { seed: 20231228, numRuns: 25 },
      );
    });
  });
});
