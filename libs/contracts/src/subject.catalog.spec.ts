import {
  deadLetterSubject,
  publicAppointmentSubject,
  publicRegulationSubject,
  rpcSubject,
  SUBJECTS,
  subjectToken,
} from './subject.catalog';

describe('subjects', () => {
  it('names the pipeline events as in the design note', () => {
    expect(Object.values(SUBJECTS)).toEqual([
      'gazette.ingested',
      'document.segmented',
      'document.extracted',
      'regulation.published',
      'appointment.recorded',
    ]);
  });

  it('puts dead letters under deadletter.<service>', () => {
    expect(deadLetterSubject('segmentation')).toBe('deadletter.segmentation');
    expect(() => deadLetterSubject('seg.mentation')).toThrow(RangeError);
    expect(() => deadLetterSubject('>')).toThrow(RangeError);
    expect(() => deadLetterSubject('')).toThrow(RangeError);
  });

  it('puts request/reply under rpc.<service>.<name>', () => {
    expect(rpcSubject('ingestion', 'gazette.fetch')).toBe('rpc.ingestion.gazette.fetch');
    expect(() => rpcSubject('ingestion', 'gazette.*')).toThrow(RangeError);
    expect(() => rpcSubject('ingestion', 'gazette..fetch')).toThrow(RangeError);
  });

  it('builds the public hierarchy from Chinese regions and kinds', () => {
    expect(publicAppointmentSubject('吕梁市')).toBe('events.appointment.吕梁市');
    expect(publicRegulationSubject('汾阳市', '办法')).toBe('events.regulation.汾阳市.办法');
    expect(publicRegulationSubject(null, undefined)).toBe('events.regulation.unknown.unknown');
  });
});

describe('subjectToken', () => {
  it.each([
    ['吕梁市', '吕梁市'],
    ['Lvliang', 'Lvliang'],
    ['吕梁 市', '吕梁_市'],
    ['吕梁\u3000市', '吕梁_市'],
    ['a.b', 'a_b'],
    ['a..b', 'a_b'],
    ['a*', 'a'],
    ['>', 'unknown'],
    ['*', 'unknown'],
    ['x>y', 'x_y'],
    ['tab\there', 'tab_here'],
    ['new\nline', 'new_line'],
    ['zero\u200bwidth', 'zero_width'],
    [' 吕梁市 ', '吕梁市'],
    ['', 'unknown'],
    ['   ', 'unknown'],
    [null, 'unknown'],
    [undefined, 'unknown'],
  ])('%j → %j', (value, token) => {
    expect(subjectToken(value)).toBe(token);
  });

  it('never yields a token with a separator, wildcard or whitespace', () => {
    for (const value of ['a. *>b', '.', '..', '*.>', 'x\r\ny', '\u00a0', '吕梁市．文件']) {
      expect(subjectToken(value)).toMatch(/^[^\s.*>]+$/u);
    }
  });
});
