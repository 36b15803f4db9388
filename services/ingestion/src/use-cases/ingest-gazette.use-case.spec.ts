import { gazetteIngestedPayloadSchema } from '@gazette-watch/contracts';
import { ingestedPayloadOf } from './ingest-gazette.use-case';

const ID = 'a'.repeat(64);
const stored = {
  gazetteId: ID,
  fileName: '公报.txt',
  mediaType: 'text/plain',
  byteLength: 10,
  encoding: 'gb18030',
  region: null as string | null,
  url: null as string | null,
  publishedOn: null as string | null,
  correlationId: 'req-1',
  receivedAt: new Date('2025-11-23T10:00:00.000Z'),
};

describe('ingestedPayloadOf', () => {
  it('leaves unknown source fields out rather than null, as the contract wants', () => {
    const payload = ingestedPayloadOf(stored);
    expect(payload).toEqual({
      gazette_id: ID,
      sha256: ID,
      byte_length: 10,
      file_name: '公报.txt',
      media_type: 'text/plain',
      source: {},
      stored_at: '2025-11-23T10:00:00.000Z',
    });
    expect(gazetteIngestedPayloadSchema.safeParse(payload).success).toBe(true);
  });

  it('carries the source when it is known', () => {
    const payload = ingestedPayloadOf({
      ...stored,
      region: '汾阳市',
      url: 'https://x.gov.cn/a',
      publishedOn: '2023-08-31',
    });
    expect(payload.source).toEqual({ region: '汾阳市', url: 'https://x.gov.cn/a', published_on: '2023-08-31' });
    expect(gazetteIngestedPayloadSchema.safeParse(payload).success).toBe(true);
  });
});
