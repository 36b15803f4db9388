import { Namespace } from './namespace';

describe('Namespace', () => {
  it('is the identity in production', () => {
    const ns = new Namespace();
    expect(ns.subject('gazette.ingested')).toBe('gazette.ingested');
    expect(ns.stream('GAZETTES')).toBe('GAZETTES');
    expect(ns.logicalSubject('gazette.ingested')).toBe('gazette.ingested');
  });

  it('prefixes and unprefixes subjects and streams', () => {
    const ns = new Namespace('t1a.', 'T1A_');
    expect(ns.subject('gazette.>')).toBe('t1a.gazette.>');
    expect(ns.stream('GAZETTES')).toBe('T1A_GAZETTES');
    expect(ns.logicalSubject('t1a.gazette.ingested')).toBe('gazette.ingested');
    expect(ns.logicalStream('T1A_GAZETTES')).toBe('GAZETTES');
    expect(() => ns.logicalSubject('gazette.ingested')).toThrow(/outside the namespace/);
  });

  it('makes a distinct namespace per test run in the documented shape', () => {
    const a = Namespace.forTestRun();
    const b = Namespace.forTestRun();
    expect(a.subjectPrefix).toMatch(/^t[a-z0-9]+\.$/);
    expect(a.streamPrefix).toMatch(/^T[A-Z0-9]+_$/);
    expect(a.subjectPrefix).not.toBe(b.subjectPrefix);
    expect(Namespace.forTestRun('Run-7').streamPrefix).toBe('TRUN7_');
  });

  it('rejects prefixes that would change routing', () => {
    expect(() => new Namespace('t1')).toThrow(/must end with/);
    expect(() => new Namespace('t*.')).toThrow(/wildcard/);
    expect(() => new Namespace('', 'T.1_')).toThrow(/stream prefix/);
  });
});
