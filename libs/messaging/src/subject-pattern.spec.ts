import { commonFilter, patternCovers, subjectMatches } from './subject-pattern';

describe('subject patterns', () => {
  it('matches NATS wildcards', () => {
    expect(subjectMatches('gazette.>', 'gazette.ingested')).toBe(true);
    expect(subjectMatches('gazette.>', 'gazette')).toBe(false);
    expect(subjectMatches('regulation.*.issued', 'regulation.sh.issued')).toBe(true);
    expect(subjectMatches('regulation.*', 'regulation.sh.issued')).toBe(false);
    expect(subjectMatches('gazette.ingested', 'gazette.ingested')).toBe(true);
  });

  it('decides whether one pattern covers another', () => {
    expect(patternCovers('appointment.>', 'appointment.*')).toBe(true);
    expect(patternCovers('appointment.*', 'appointment.>')).toBe(false);
    expect(patternCovers('document.*', 'document.segmented')).toBe(true);
  });

  it('finds the narrowest single filter for several handler subjects', () => {
    expect(commonFilter(['gazette.ingested'])).toBe('gazette.ingested');
    expect(commonFilter(['document.segmented', 'document.extracted'])).toBe('document.*');
    expect(commonFilter(['document.a', 'document.b.c'])).toBe('document.>');
    expect(commonFilter(['a.b', 'a.b.c'])).toBe('a.>');
    // Narrowest, but outside any single stream subject: the server then consumes the whole stream.
    expect(commonFilter(['appointment.made', 'regulation.issued'])).toBe('*.*');
    expect(commonFilter(['appointment.made', 'regulation.issued.sh'])).toBeUndefined();
    expect(commonFilter([])).toBeUndefined();
  });
});
