import { STREAMS, streamFor, subjectMatches } from './stream.catalog';
import { deadLetterSubject, publicAppointmentSubject, rpcSubject, SUBJECTS } from './subject.catalog';

const DAY = 86_400;

describe('STREAMS', () => {
  it('lays out the streams of the design note', () => {
    expect(STREAMS.map((s) => [s.name, s.subjects, s.maxAgeSeconds / DAY, s.duplicateWindowSeconds])).toEqual([
      ['GAZETTES', ['gazette.>'], 30, 120],
      ['DOCUMENTS', ['document.>'], 30, 120],
      ['FACTS', ['appointment.>', 'regulation.>'], 30, 120],
      ['DEADLETTER', ['deadletter.>'], 90, 120],
    ]);
  });

  it('cannot be changed by a consumer', () => {
    expect(Object.isFrozen(STREAMS)).toBe(true);
    expect(Object.isFrozen(STREAMS[0])).toBe(true);
    expect(Object.isFrozen(STREAMS[0].subjects)).toBe(true);
  });

  it('has no two streams capturing the same subject', () => {
    const patterns = STREAMS.flatMap((s) => s.subjects);
    expect(new Set(patterns).size).toBe(patterns.length);
  });
});

describe('streamFor', () => {
  it('finds a stream for every pipeline subject', () => {
    expect(Object.values(SUBJECTS).map((s) => streamFor(s).name)).toEqual([
      'GAZETTES',
      'DOCUMENTS',
      'DOCUMENTS',
      'FACTS',
      'FACTS',
    ]);
    expect(streamFor(deadLetterSubject('extraction')).name).toBe('DEADLETTER');
  });

  it('throws for subjects that stay on core NATS', () => {
    expect(() => streamFor(publicAppointmentSubject('吕梁市'))).toThrow('no stream captures subject');
    expect(() => streamFor(rpcSubject('ingestion', 'gazette.fetch'))).toThrow(RangeError);
    expect(() => streamFor('gazette')).toThrow(RangeError);
  });
});

describe('subjectMatches', () => {
  it.each([
    ['gazette.>', 'gazette.ingested', true],
    ['gazette.>', 'gazette.a.b', true],
    ['gazette.>', 'gazette', false],
    ['gazette.>', 'gazettes.ingested', false],
    ['a.*.c', 'a.b.c', true],
    ['a.*.c', 'a.b.d', false],
    ['a.*', 'a.b.c', false],
    ['a.b', 'a.b', true],
    ['a.>', 'a..b', false],
  ])('%s ~ %s → %s', (pattern, subject, matches) => {
    expect(subjectMatches(pattern, subject)).toBe(matches);
  });
});
