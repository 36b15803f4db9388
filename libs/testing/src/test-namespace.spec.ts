import { connect, StorageType, type NatsConnection } from 'nats';
import { natsConnectionOptions } from './nats-connection';
import { createTestNamespace, type TestNamespace } from './test-namespace';
import { releaseTestInfrastructure, testInfrastructure, TEST_INFRASTRUCTURE_TIMEOUT_MS } from './test-infrastructure';

describe('createTestNamespace', () => {
  let natsUrl: string;
  let connection: NatsConnection;
  const namespaces: TestNamespace[] = [];

  beforeAll(async () => {
    ({ natsUrl } = await testInfrastructure());
    connection = await connect(natsConnectionOptions(natsUrl));
  }, TEST_INFRASTRUCTURE_TIMEOUT_MS);

  afterAll(async () => {
    for (const namespace of namespaces) await namespace.cleanup(natsUrl);
    await connection?.close();
    await releaseTestInfrastructure();
  }, TEST_INFRASTRUCTURE_TIMEOUT_MS);

  function namespace(): TestNamespace {
    const created = createTestNamespace();
    namespaces.push(created);
    return created;
  }

  it('derives subject and stream prefixes from one run id', () => {
    const { subjectPrefix, streamPrefix } = namespace();
    expect(subjectPrefix).toMatch(/^t[0-9a-z]{10}\.$/);
    expect(streamPrefix).toBe(`T${subjectPrefix.slice(1, -1).toUpperCase()}_`);
    expect(namespace().subjectPrefix).not.toBe(subjectPrefix);
  });

  it('cleanup deletes its own streams and no one else’s', async () => {
    const mine = namespace();
    const theirs = namespace();
    const manager = await connection.jetstreamManager();
    for (const ns of [mine, theirs]) {
      for (const stream of ['GAZETTES', 'DOCUMENTS']) {
        await manager.streams.add({
          name: `${ns.streamPrefix}${stream}`,
          subjects: [`${ns.subjectPrefix}${stream.toLowerCase()}.>`],
          storage: StorageType.Memory,
        });
      }
    }

    const deleted = await mine.cleanup(natsUrl);

    expect(deleted.sort()).toEqual([`${mine.streamPrefix}DOCUMENTS`, `${mine.streamPrefix}GAZETTES`]);
    const remaining: string[] = [];
    for await (const name of manager.streams.names()) remaining.push(name);
    expect(remaining).toEqual(
      expect.arrayContaining([`${theirs.streamPrefix}GAZETTES`, `${theirs.streamPrefix}DOCUMENTS`]),
    );
    expect(remaining.filter((name) => name.startsWith(mine.streamPrefix))).toEqual([]);
    expect(await mine.cleanup(natsUrl)).toEqual([]);
  });
});
