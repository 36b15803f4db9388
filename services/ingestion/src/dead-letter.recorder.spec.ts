import { deadLetterRowOf } from './dead-letter.recorder';

describe('deadLetterRowOf', () => {
  it('maps the transport entry onto the dead_letter row', () => {
    expect(
      deadLetterRowOf({
        service: 'ingestion',
        stream: 'GAZETTES',
        subject: 'gazette.ingested',
        stream_seq: 7,
        deliveries: 5,
        reason: 'retries_exhausted',
        error: 'database unavailable',
        data: '{}',
        correlation_id: 'req-1',
        failed_at: '2025-11-23T10:00:00.000Z',
      }),
    ).toEqual({
      service: 'ingestion',
      subject: 'gazette.ingested',
      streamSeq: 7,
      deliveries: 5,
      reason: 'retries_exhausted',
      error: 'database unavailable',
      data: '{}',
      failedAt: new Date('2025-11-23T10:00:00.000Z'),
    });
  });
});
