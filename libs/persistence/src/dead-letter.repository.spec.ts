import {
  createTestDatabase,
  releaseTestInfrastructure,
  type TestDatabase,
  TEST_INFRASTRUCTURE_TIMEOUT_MS,
} from '@gazette-watch/testing';
import type { DataSource } from 'typeorm';
import { createDataSource } from './data-source.factory';
import { DeadLetterEntity } from './dead-letter.entity';
import { CreateDeadLetterTable1763900000000 } from './dead-letter.migration';
import { DeadLetterRepository, type DeadLetterEntry } from './dead-letter.repository';
import { runMigrations } from './migration.runner';
import { ensureSchema } from './service-schema';

const entry = (overrides: Partial<DeadLetterEntry> = {}): DeadLetterEntry => ({
  service: 'extraction',
  subject: 'document.segmented',
  streamSeq: 42,
  deliveries: 5,
  reason: 'max_deliver',
  error: 'database unavailable',
  data: '{"type":"document.segmented"}',
  ...overrides,
});

describe('DeadLetterRepository', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let deadLetters: DeadLetterRepository;

  beforeAll(async () => {
    database = await createTestDatabase();
    await ensureSchema(database.url, 'extraction');
    dataSource = createDataSource({
      url: database.url,
      schema: 'extraction',
      entities: [DeadLetterEntity],
      migrations: [CreateDeadLetterTable1763900000000],
    });
    await runMigrations(dataSource);
    deadLetters = new DeadLetterRepository(dataSource);
  }, TEST_INFRASTRUCTURE_TIMEOUT_MS);

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
    await releaseTestInfrastructure();
  }, TEST_INFRASTRUCTURE_TIMEOUT_MS);

  beforeEach(() => dataSource.getRepository(DeadLetterEntity).clear());

  it('records a dead letter with its fields', async () => {
    const failedAt = new Date('2025-01-02T03:04:05.000Z');
    const stored = await deadLetters.record(entry({ failedAt }));
    expect(stored).toMatchObject({ ...entry(), failedAt });
    expect(stored.id).toMatch(/^\d+$/);
  });

  it('is idempotent: recording the same delivery again keeps one row and the first failure time', async () => {
    const first = await deadLetters.record(entry({ deliveries: 4, failedAt: new Date('2025-01-01T00:00:00Z') }));
    const again = await deadLetters.record(entry({ deliveries: 4, failedAt: new Date('2025-01-01T00:00:00Z') }));
    const redelivered = await deadLetters.record(
      entry({ deliveries: 5, error: 'still unavailable', failedAt: new Date() }),
    );

    expect(again).toEqual(first);
    expect(redelivered).toMatchObject({
      id: first.id,
      deliveries: 5,
      error: 'still unavailable',
      failedAt: first.failedAt,
    });
    expect(await deadLetters.list()).toHaveLength(1);
  });

  it('keeps distinct deliveries apart', async () => {
    await deadLetters.record(entry({ streamSeq: 1 }));
    await deadLetters.record(entry({ streamSeq: 2 }));
    await deadLetters.record(entry({ subject: 'document.classified', streamSeq: 1 }));
    expect(await deadLetters.list()).toHaveLength(3);
  });

  it('lists newest first, filtered by service, up to the limit', async () => {
    await deadLetters.record(entry({ streamSeq: 1, failedAt: new Date('2025-01-01T00:00:00Z') }));
    await deadLetters.record(entry({ streamSeq: 2, failedAt: new Date('2025-01-03T00:00:00Z') }));
    await deadLetters.record(entry({ streamSeq: 3, failedAt: new Date('2025-01-02T00:00:00Z') }));
    await deadLetters.record(entry({ service: 'appointments', streamSeq: 4 }));

    const listed = await deadLetters.list({ service: 'extraction', limit: 2 });
    expect(listed.map((row) => row.streamSeq)).toEqual([2, 3]);
    expect(await deadLetters.list({ service: 'appointments' })).toHaveLength(1);
    expect(await deadLetters.list()).toHaveLength(4);
    await expect(deadLetters.list({ limit: 0 })).rejects.toThrow('limit must be a positive integer');
  });
});
