import { GazetteInputError, type GazetteInputErrorCode } from '../model/gazette-input.error';
import { decodeGazette } from './gazette-decoder';

// "公报" and "2023年" spelled out byte by byte in each encoding, so the tests do not trust an encoder.
const GONGBAO = {
  utf8: [0xe5, 0x85, 0xac, 0xe6, 0x8a, 0xa5],
  utf16le: [0x6c, 0x51, 0xa5, 0x62],
  utf16be: [0x51, 0x6c, 0x62, 0xa5],
  gb18030: [0xb9, 0xab, 0xb1, 0xa8],
};
const YEAR_LINE_UTF16LE = [0x32, 0, 0x30, 0, 0x32, 0, 0x33, 0, 0x74, 0x5e, 0x0a, 0];
const YEAR_LINE_UTF16BE = [0, 0x32, 0, 0x30, 0, 0x32, 0, 0x33, 0x5e, 0x74, 0, 0x0a];

function decode(bytes: number[]) {
  return decodeGazette(Uint8Array.from(bytes));
}

function inputErrorOf(bytes: number[] | Uint8Array): GazetteInputError {
  try {
    decodeGazette(bytes instanceof Uint8Array ? bytes : Uint8Array.from(bytes));
  } catch (error) {
    if (error instanceof GazetteInputError) return error;
    throw error;
  }
  throw new Error('expected a GazetteInputError');
}

function expectInputError(bytes: number[] | Uint8Array, code: GazetteInputErrorCode, message?: string): void {
  const error = inputErrorOf(bytes);
  expect(error.code).toBe(code);
  if (message) expect(error.message).toContain(message);
}

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

describe('decodeGazette', () => {
  describe('text encodings', () => {
    it('decodes UTF-8 without a BOM', () => {
      expect(decode([...GONGBAO.utf8, 0x0a])).toEqual({ text: '公报\n', encoding: 'utf-8' });
    });

    it('decodes UTF-8 with a BOM and strips the BOM', () => {
      expect(decode([0xef, 0xbb, 0xbf, ...GONGBAO.utf8])).toEqual({ text: '公报', encoding: 'utf-8-bom' });
    });

    it('strips only the leading BOM of UTF-8', () => {
      expect(decode([0xef, 0xbb, 0xbf, 0x41, 0xef, 0xbb, 0xbf]).text).toBe('A\uFEFF');
    });

    it('reports pure ASCII as UTF-8', () => {
      expect(decode(ascii('2023\n'))).toEqual({ text: '2023\n', encoding: 'utf-8' });
    });

    it('decodes UTF-16LE and UTF-16BE with a BOM', () => {
      expect(decode([0xff, 0xfe, ...GONGBAO.utf16le])).toEqual({ text: '公报', encoding: 'utf-16le' });
      expect(decode([0xfe, 0xff, ...GONGBAO.utf16be])).toEqual({ text: '公报', encoding: 'utf-16be' });
    });

    it('decodes BOM-less UTF-16 when ASCII characters give away the NUL pattern', () => {
      expect(decode(YEAR_LINE_UTF16LE)).toEqual({ text: '2023年\n', encoding: 'utf-16le' });
      expect(decode(YEAR_LINE_UTF16BE)).toEqual({ text: '2023年\n', encoding: 'utf-16be' });
    });

    it('decodes GB18030 / GBK', () => {
      expect(decode([...GONGBAO.gb18030, 0x0d, 0x0a])).toEqual({ text: '公报\r\n', encoding: 'gb18030' });
    });

    it('decodes four-byte GB18030 sequences and strips a GB18030 BOM', () => {
      // 84 31 95 33 is U+FEFF; 95 32 82 36 is U+20000, outside the BMP.
      expect(decode([0x84, 0x31, 0x95, 0x33, 0x95, 0x32, 0x82, 0x36, ...GONGBAO.gb18030])).toEqual({
        text: '\u{20000}公报',
        encoding: 'gb18030',
      });
    });

    it('drops an incomplete last character of a file cut short instead of rejecting the file', () => {
      expect(decode([...GONGBAO.utf8, 0x0a, ...GONGBAO.utf8.slice(0, 2)])).toEqual({
        text: '公报\n',
        encoding: 'utf-8',
      });
      expect(decode([...GONGBAO.gb18030, 0x0a, GONGBAO.gb18030[0]])).toEqual({ text: '公报\n', encoding: 'gb18030' });
      expect(decode([0xff, 0xfe, ...GONGBAO.utf16le.slice(0, 3)])).toEqual({ text: '公', encoding: 'utf-16le' });
    });

    it('keeps tabs, carriage returns and form feeds (page breaks) as text', () => {
      expect(decode([0x0c, ...GONGBAO.utf8, 0x09, 0x31, 0x0d, 0x0a]).text).toBe('\f公报\t1\r\n');
    });
  });

  describe('empty input', () => {
    it.each([
      ['no bytes', []],
      ['a UTF-8 BOM only', [0xef, 0xbb, 0xbf]],
      ['a UTF-16LE BOM only', [0xff, 0xfe]],
      ['ASCII whitespace', ascii(' \r\n\t\n')],
      ['an ideographic space', [0xe3, 0x80, 0x80, 0x0a]],
      ['UTF-16LE whitespace after a BOM', [0xff, 0xfe, 0x20, 0x00, 0x0a, 0x00]],
    ])('rejects %s as empty', (_name, bytes) => {
      expectInputError(bytes, 'empty');
    });
  });

  describe('binary input', () => {
    it('names a PDF and says that PDF is not supported yet', () => {
      expectInputError(
        ascii('%PDF-1.7\n%\u00e2\u00e3\n1 0 obj'),
        'binary',
        'looks like a PDF file; PDF input is not supported yet',
      );
    });

    it('finds a PDF header after leading junk', () => {
      expectInputError([...ascii('\r\n\r\n'), ...ascii('%PDF-1.4\n')], 'binary', 'PDF');
    });

    it.each([
      ['ZIP archive', [0x50, 0x4b, 0x03, 0x04, 0x14, 0x00], 'ZIP archive'],
      ['PNG image', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d], 'PNG image'],
      ['JPEG image', [0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10], 'JPEG image'],
      ['legacy Office document', [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 'Office or WPS'],
      ['gzip archive', [0x1f, 0x8b, 0x08, 0x00], 'gzip'],
    ])('names a %s', (_name, bytes, looksLike) => {
      expectInputError(bytes, 'binary', looksLike);
    });

    it('rejects NUL bytes that do not follow a UTF-16 pattern', () => {
      expectInputError([...GONGBAO.utf8, 0x00, 0x00, 0x00, 0x00, 0x41, 0x42], 'binary', 'NUL byte at offset 6');
    });

    it('rejects NUL bytes that look like BOM-less UTF-16 but do not decode as UTF-16', () => {
      const lowSurrogateAlone = [0x00, 0xdc];
      expectInputError([...YEAR_LINE_UTF16LE, ...lowSurrogateAlone, ...YEAR_LINE_UTF16LE], 'binary', 'not UTF-16');
    });

    it('rejects a high share of control characters', () => {
      expectInputError([0x01, 0x02, 0x03, 0x1b, ...GONGBAO.utf8, 0x41], 'binary', 'control characters');
    });

    it('rejects UTF-32 disguised by its UTF-16-like BOM', () => {
      expectInputError([0xff, 0xfe, 0x00, 0x00, 0x6c, 0x51, 0x00, 0x00, 0xa5, 0x62, 0x00, 0x00], 'binary');
    });

    it('rejects random bytes', () => {
      // A fixed linear congruential sequence: random-looking, yet the same on every run.
      const bytes = new Uint8Array(4096);
      for (let i = 0, x = 12345; i < bytes.length; i++) bytes[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
      expectInputError(bytes, 'binary');
    });
  });

  describe('undecodable input', () => {
    it('rejects bytes that are neither UTF-8 nor GB18030', () => {
      expectInputError([0x41, 0xff, 0x41, 0x0a], 'undecodable', 'GB18030');
    });

    it('rejects Latin-1 text', () => {
      expectInputError(ascii('caf\u00e9 au lait\n'), 'undecodable');
    });

    it('does not fall back to GB18030 when a UTF-8 BOM promised UTF-8', () => {
      expectInputError([0xef, 0xbb, 0xbf, ...GONGBAO.gb18030], 'undecodable', 'UTF-8 byte-order mark');
    });

    it('rejects UTF-16 with an unpaired surrogate', () => {
      expectInputError([0xff, 0xfe, 0x00, 0xd8, 0x41, 0x00], 'undecodable', 'UTF-16LE');
    });
  });

  describe('large input', () => {
    const line = '汾阳市人民政府办公室关于印发《汾阳市县级医疗机构综合能力提升三年行动方案》的通知 2023 年 4 月\n';
    const repeats = Math.ceil((12 * 1024 * 1024) / Buffer.byteLength(line));

    it('decodes 12 MB of UTF-8 quickly', () => {
      const bytes = new Uint8Array(Buffer.from(line.repeat(repeats)));
      const started = performance.now();
      const { text, encoding } = decodeGazette(bytes);
      expect(encoding).toBe('utf-8');
      expect(text.length).toBe(line.length * repeats);
      // Generous for slow CI machines; a quadratic pass would take minutes.
      expect(performance.now() - started).toBeLessThan(2000);
    });

    it('decodes 12 MB of GB18030 quickly even though UTF-8 is tried first', () => {
      const gbLine = [...GONGBAO.gb18030, 0x20, 0x32, 0x30, 0x32, 0x33, 0x0a];
      const bytes = new Uint8Array(12 * 1024 * 1024 - ((12 * 1024 * 1024) % gbLine.length));
      for (let i = 0; i < bytes.length; i += gbLine.length) bytes.set(gbLine, i);
      const started = performance.now();
      expect(decodeGazette(bytes).encoding).toBe('gb18030');
      expect(performance.now() - started).toBeLessThan(2000);
    });
  });
});
