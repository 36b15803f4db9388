import { unknownGazettes } from './start-replay.use-case';
import type { GazetteMetadata } from '../gazette.repository';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const C = 'c'.repeat(64);

function stored(gazetteId: string): GazetteMetadata {
  return {
    gazetteId,
    fileName: `${gazetteId.slice(0, 1)}.txt`,
    mediaType: 'text/plain',
    byteLength: 1,
    encoding: 'utf-8',
    region: null,
    url: null,
    publishedOn: null,
    correlationId: 'req',
    receivedAt: new Date('2025-11-23T00:00:00Z'),
  };
}

describe('unknownGazettes', () => {
  it('names the requested gazettes that are not stored, in the order asked', () => {
    expect(unknownGazettes({ by: 'gazettes', gazette_ids: [C, A, B] }, [stored(A)])).toEqual([C, B]);
    expect(unknownGazettes({ by: 'gazettes', gazette_ids: [A] }, [stored(A)])).toEqual([]);
    expect(unknownGazettes({ by: 'gazettes', gazette_ids: [] }, [])).toEqual([]);
  });

  it('finds none for a selection by date or of all: it only takes what is stored', () => {
    expect(unknownGazettes({ by: 'all' }, [])).toEqual([]);
    expect(unknownGazettes({ by: 'since', since: '2024-01-01' }, [])).toEqual([]);
  });
});
