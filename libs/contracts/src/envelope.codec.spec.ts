import { z } from 'zod';
import { ContractViolation } from './contract-violation.error';
import { eventMessageId, makeEnvelope, parseEnvelope } from './envelope.codec';
import { envelopeSchemaFor, EVENT_TYPES, isEventType } from './event-contract.registry';
import type { GazetteIngestedPayload } from './event-payload.schema';
import { documentId, gazetteId } from './message-id';

const GAZETTE = gazetteId(new TextEncoder().encode('gazette'));

const payload: GazetteIngestedPayload = {
  gazette_id: GAZETTE,
  sha256: GAZETTE,
  byte_length: 7,
  file_name: 'lvliang-2023.txt',
  media_type: 'text/plain',
  source: {},
  stored_at: '2024-03-01T08:00:00.000Z',
};

const envelope = {
  type: 'gazette.ingested',
  version: 1,
  id: `gazette.ingested:${GAZETTE}`,
  correlation_id: 'req-1',
  occurred_at: '2024-03-01T08:00:01.000Z',
  producer: 'ingestion',
  payload,
};

function violationOf(run: () => unknown): ContractViolation {
  try {
    run();
  } catch (error) {
    if (error instanceof ContractViolation) return error;
    throw error;
  }
  throw new Error('expected a ContractViolation');
}

describe('parseEnvelope', () => {
  it('returns a valid envelope with its typed payload', () => {
    const parsed = parseEnvelope('gazette.ingested', envelope);
    expect(parsed).toEqual(envelope);
    const id: string = parsed.payload.gazette_id;
    expect(id).toBe(GAZETTE);
  });

  it('drops payload keys a newer minor producer added', () => {
    const parsed = parseEnvelope('gazette.ingested', { ...envelope, payload: { ...payload, pages: 40 } });
    expect(parsed.payload).not.toHaveProperty('pages');
  });

  it('accepts an offset timestamp', () => {
    expect(
      parseEnvelope('gazette.ingested', { ...envelope, occurred_at: '2024-03-01T16:00:01+08:00' }).occurred_at,
    ).toBe('2024-03-01T16:00:01+08:00');
  });

  it('rejects an unknown type', () => {
    const error = violationOf(() => parseEnvelope('gazette.deleted', envelope));
    expect(error.message).toBe('gazette.deleted: unknown event type "gazette.deleted"');
    expect(error.issues).toEqual([{ path: '', message: 'unknown event type "gazette.deleted"' }]);
  });

  it('rejects an envelope of another type', () => {
    expect(violationOf(() => parseEnvelope('document.segmented', envelope)).message).toBe(
      'document.segmented v1: type: expected an envelope of type "document.segmented", got "gazette.ingested"',
    );
  });

  it('names a newer major version clearly', () => {
    expect(violationOf(() => parseEnvelope('gazette.ingested', { ...envelope, version: 2 })).message).toBe(
      'gazette.ingested v1: version: version 2 is newer than the supported version 1; upgrade this consumer',
    );
  });

  it.each([
    ['version', { version: 0 }],
    ['version', { version: 1.5 }],
    ['version', { version: '1' }],
    ['id', { id: '' }],
    ['correlation_id', { correlation_id: undefined }],
    ['occurred_at', { occurred_at: 'yesterday' }],
    ['producer', { producer: 'Ingestion Service' }],
  ])('rejects a bad %s', (path, change) => {
    expect(violationOf(() => parseEnvelope('gazette.ingested', { ...envelope, ...change })).issues[0].path).toBe(path);
  });

  it.each([null, 'text', 42, []])('rejects %j as an envelope', (data) => {
    expect(violationOf(() => parseEnvelope('gazette.ingested', data)).message).toMatch(/^gazette\.ingested v1: /);
  });

  it('reports payload issues by their path, on one line, counting those beyond three', () => {
    const error = violationOf(() =>
      parseEnvelope('gazette.ingested', {
        ...envelope,
        payload: { ...payload, byte_length: -1, file_name: 7, media_type: 'x', stored_at: 'now', source: null },
      }),
    );
    expect(error.issues.map((i) => i.path)).toEqual([
      'payload.byte_length',
      'payload.file_name',
      'payload.media_type',
      'payload.source',
      'payload.stored_at',
    ]);
    expect(error.message).not.toContain('\n');
    expect(error.message).toMatch(/^gazette\.ingested v1: payload\.byte_length: .+; and 2 more$/);
    expect(error.name).toBe('ContractViolation');
    expect(error).toBeInstanceOf(Error);
  });

  it('writes array indices in paths', () => {
    const segmented = { ...envelope, type: 'document.segmented', payload: { appointments: [{}] } };
    expect(violationOf(() => parseEnvelope('document.segmented', segmented)).issues.map((i) => i.path)).toContain(
      'payload.appointments[0].person',
    );
  });
});

describe('makeEnvelope', () => {
  it('wraps a payload at the current version', () => {
    const made = makeEnvelope('gazette.ingested', payload, {
      id: eventMessageId('gazette.ingested', payload),
      correlationId: 'req-1',
      producer: 'ingestion',
      occurredAt: new Date('2024-03-01T08:00:01Z'),
    });
    expect(made).toEqual(envelope);
  });

  it('stamps the current time when none is given', () => {
    const before = Date.now();
    const made = makeEnvelope('gazette.ingested', payload, { id: 'x', correlationId: 'c', producer: 'ingestion' });
    expect(Date.parse(made.occurred_at)).toBeGreaterThanOrEqual(before);
  });

  it('refuses an invalid payload in the producer', () => {
    const bad = { ...payload, byte_length: 0 };
    expect(() => makeEnvelope('gazette.ingested', bad, { id: 'x', correlationId: 'c', producer: 'ingestion' })).toThrow(
      ContractViolation,
    );
  });
});

describe('replayed envelopes', () => {
  const replayed = {
    ...envelope,
    id: `gazette.ingested:${GAZETTE}@replay:r20240301080000-ab12`,
    correlation_id: 'replay:r20240301080000-ab12',
    replay_run: 'r20240301080000-ab12',
  };

  it('carries the replay run and leaves it out of a first run', () => {
    const made = makeEnvelope('gazette.ingested', payload, {
      id: eventMessageId('gazette.ingested', payload, 'r20240301080000-ab12'),
      correlationId: 'replay:r20240301080000-ab12',
      producer: 'ingestion',
      occurredAt: new Date('2024-03-01T08:00:01Z'),
      replayRun: 'r20240301080000-ab12',
    });
    expect(made).toEqual(replayed);
    expect(parseEnvelope('gazette.ingested', replayed).replay_run).toBe('r20240301080000-ab12');
    expect(Object.keys(parseEnvelope('gazette.ingested', envelope))).not.toContain('replay_run');
  });

  it('carries the document count of a replayed parse, zero included', () => {
    const made = makeEnvelope('gazette.ingested', payload, {
      id: 'x',
      correlationId: 'c',
      producer: 'ingestion',
      replayRun: 'r1',
      replayDocumentCount: 0,
    });
    expect(made.replay_document_count).toBe(0);
    expect(parseEnvelope('gazette.ingested', { ...replayed, replay_document_count: 19 }).replay_document_count).toBe(
      19,
    );
  });

  it('refuses a run id that could fake another suffix, and a negative count', () => {
    expect(
      violationOf(() => parseEnvelope('gazette.ingested', { ...replayed, replay_run: 'a@replay:b' })).message,
    ).toMatch(/replay_run/);
    expect(() => parseEnvelope('gazette.ingested', { ...replayed, replay_run: '' })).toThrow(ContractViolation);
    expect(() => parseEnvelope('gazette.ingested', { ...replayed, replay_document_count: -1 })).toThrow(
      ContractViolation,
    );
  });
});

describe('eventMessageId', () => {
  it('keys each event type by its natural key', () => {
    const document = documentId(GAZETTE, 2);
    expect(eventMessageId('gazette.ingested', payload)).toBe(`gazette.ingested:${GAZETTE}`);
    expect(eventMessageId('gazette.ingested', payload, 'run1')).toBe(`gazette.ingested:${GAZETTE}@replay:run1`);
    const extracted = {
      document_id: document,
      gazette_id: GAZETTE,
      category: 'other' as const,
      region: null,
      entities: [],
      regulation: null,
      appointments: [],
      pipeline_version: 'p',
    };
    expect(eventMessageId('document.extracted', extracted)).toBe(`document.extracted:${document}`);
  });
});

describe('the registry', () => {
  it('covers every subject with a version-1 envelope schema', () => {
    expect(EVENT_TYPES).toHaveLength(5);
    expect(isEventType('gazette.ingested')).toBe(true);
    expect(isEventType('toString')).toBe(false);
    const schema = envelopeSchemaFor('gazette.ingested');
    expect(schema.safeParse(envelope).success).toBe(true);
    expect(schema.safeParse({ ...envelope, version: 2 }).success).toBe(false);
  });

  it('exports JSON Schema for each event type', () => {
    for (const type of EVENT_TYPES) {
      const json = z.toJSONSchema(envelopeSchemaFor(type), { unrepresentable: 'any', io: 'input' });
      expect(json).toMatchObject({ type: 'object', properties: { type: { const: type } } });
    }
  });
});
