import { existsSync } from 'node:fs';
import {
  releaseTestInfrastructure,
  resolveTestInfrastructure,
  testInfrastructure,
  TEST_INFRASTRUCTURE_TIMEOUT_MS,
} from './test-infrastructure';

describe('testInfrastructure', () => {
  beforeAll(() => testInfrastructure(), TEST_INFRASTRUCTURE_TIMEOUT_MS);
  afterAll(() => releaseTestInfrastructure(), TEST_INFRASTRUCTURE_TIMEOUT_MS);

  it('resolves once per test file', async () => {
    const first = await testInfrastructure();
    expect(await testInfrastructure()).toBe(first);
    expect(first.databaseUrl).toMatch(/^postgres(ql)?:\/\//);
    expect(first.natsUrl).toMatch(/^nats:\/\//);
  });

  it('uses DATABASE_URL and NATS_URL as given when they are set', async () => {
    const current = await testInfrastructure();
    await expect(
      resolveTestInfrastructure({ DATABASE_URL: current.databaseUrl, NATS_URL: current.natsUrl }),
    ).resolves.toEqual({ databaseUrl: current.databaseUrl, natsUrl: current.natsUrl, kind: 'local' });
  });

  it('fails loudly, naming both services, when they cannot be reached', async () => {
    const attempt = resolveTestInfrastructure({
      DATABASE_URL: 'postgres://postgres:secret@127.0.0.1:1/postgres',
      NATS_URL: 'nats://127.0.0.1:1',
    });
    await expect(attempt).rejects.toThrow(
      /^Test infrastructure unavailable: PostgreSQL at postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/postgres is not reachable .*; NATS at nats:\/\/127\.0\.0\.1:1 is not reachable/,
    );
  });

  const dockerAbsent = !process.env.DOCKER_HOST && !existsSync('/var/run/docker.sock');
  (dockerAbsent ? it : it.skip)('refuses TESTCONTAINERS=1 when containers cannot start', async () => {
    await expect(resolveTestInfrastructure({ TESTCONTAINERS: '1' })).rejects.toThrow(
      /^TESTCONTAINERS=1 but containers cannot be started: /,
    );
  });
});
