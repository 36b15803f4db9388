import { appointmentId, documentId, gazetteId, isGazetteId, messageId, parseDocumentId } from './message-id';

const bytes = (text: string) => new TextEncoder().encode(text);
const GAZETTE = gazetteId(bytes('吕梁市人民政府公报'));

describe('gazetteId', () => {
  it('is the sha256 hex digest of the bytes', () => {
    expect(gazetteId(bytes('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(gazetteId(new Uint8Array())).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('is stable and tells different bytes apart', () => {
    expect(gazetteId(bytes('吕梁市人民政府公报'))).toBe(GAZETTE);
    expect(gazetteId(bytes('吕梁市人民政府公报 '))).not.toBe(GAZETTE);
    expect(isGazetteId(GAZETTE)).toBe(true);
    expect(isGazetteId(GAZETTE.toUpperCase())).toBe(false);
  });
});

describe('documentId', () => {
  it('joins the gazette id and the index', () => {
    expect(documentId(GAZETTE, 0)).toBe(`${GAZETTE}:0`);
    expect(documentId(GAZETTE, 17)).toBe(`${GAZETTE}:17`);
    expect(parseDocumentId(`${GAZETTE}:17`)).toEqual({ gazetteId: GAZETTE, index: 17 });
  });

  it('refuses ids it could not parse back', () => {
    expect(() => documentId('abc', 0)).toThrow(RangeError);
    expect(() => documentId(GAZETTE, -1)).toThrow(RangeError);
    expect(() => documentId(GAZETTE, 1.5)).toThrow(RangeError);
    expect(parseDocumentId(`${GAZETTE}:01`)).toBeNull();
    expect(parseDocumentId(`${GAZETTE}:`)).toBeNull();
    expect(parseDocumentId('x:1')).toBeNull();
  });
});

describe('messageId', () => {
  it('is the type and the key, with the replay run as a suffix', () => {
    expect(messageId('gazette.ingested', GAZETTE)).toBe(`gazette.ingested:${GAZETTE}`);
    expect(messageId('document.segmented', `${GAZETTE}:3`, 'r-2024_01')).toBe(
      `document.segmented:${GAZETTE}:3@replay:r-2024_01`,
    );
  });

  it('differs between event types of one key and between replay runs', () => {
    const key = `${GAZETTE}:3`;
    const ids = [
      messageId('document.segmented', key),
      messageId('document.extracted', key),
      messageId('document.extracted', key, 'a'),
      messageId('document.extracted', key, 'b'),
    ];
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('rejects a replay run that could forge another suffix, and empty parts', () => {
    expect(() => messageId('gazette.ingested', GAZETTE, 'a@replay:b')).toThrow(RangeError);
    expect(() => messageId('gazette.ingested', GAZETTE, '')).toThrow(RangeError);
    expect(() => messageId('gazette.ingested', '')).toThrow(RangeError);
  });
});

describe('appointmentId', () => {
  const doc = documentId(GAZETTE, 17);
  const id = appointmentId(doc, '尹新明', 'appoint', '吕梁经济技术开发区管委会主任');

  it('is 32 hex digits and stable', () => {
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(appointmentId(doc, '尹新明', 'appoint', '吕梁经济技术开发区管委会主任')).toBe(id);
  });

  it('ignores spacing and full-width forms that PDF extraction varies', () => {
    expect(appointmentId(doc, '尹 新明', ' appoint ', '吕梁经济技术开发区管委会主任\n')).toBe(id);
    expect(appointmentId(doc, '张三', 'appoint', 'ＡＢＣ公司经理')).toBe(
      appointmentId(doc, '张三', 'appoint', 'ABC公司经理'),
    );
  });

  it('differs when any part of the quadruple differs', () => {
    const ids = [
      id,
      appointmentId(documentId(GAZETTE, 18), '尹新明', 'appoint', '吕梁经济技术开发区管委会主任'),
      appointmentId(doc, '姚文郁', 'appoint', '吕梁经济技术开发区管委会主任'),
      appointmentId(doc, '尹新明', 'remove', '吕梁经济技术开发区管委会主任'),
      appointmentId(doc, '尹新明', 'appoint', '市商务局副局长'),
    ];
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('does not confuse where one part ends and the next begins', () => {
    expect(appointmentId(doc, '王小', 'appoint', '明局长')).not.toBe(appointmentId(doc, '王小明', 'appoint', '局长'));
  });
});
