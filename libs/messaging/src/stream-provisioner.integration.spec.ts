import { JetStreamManager, NatsConnection, nanos } from 'nats';
import { Namespace } from './namespace';
import { deleteStreams, provisionStreams } from './stream-provisioner';
import { TEST_STREAMS, connectOrFail } from './testing/jetstream-test-harness';

describe('provisionStreams (NATS)', () => {
  const ns = Namespace.forTestRun();
  let nc: NatsConnection;
  let jsm: JetStreamManager;

  beforeAll(async () => {
    ({ nc, jsm } = await connectOrFail());
  });

  afterAll(async () => {
    if (jsm) {
      await deleteStreams(jsm, ns);
    }
    await nc?.close();
  });

  it('creates the streams once and leaves them unchanged on the next run', async () => {
    const first = await provisionStreams(jsm, ns, TEST_STREAMS);
    expect(first).toEqual(TEST_STREAMS.map((d) => ({ name: ns.stream(d.name), action: 'created' })));

    const second = await provisionStreams(jsm, ns, TEST_STREAMS);
    expect(second.map((r) => r.action)).toEqual(TEST_STREAMS.map(() => 'unchanged'));

    const facts = await jsm.streams.info(ns.stream('FACTS'));
    expect(facts.config).toMatchObject({
      retention: 'limits',
      storage: 'file',
      max_age: nanos(3600 * 1000),
      duplicate_window: nanos(120 * 1000),
    });
    expect(facts.config.subjects.sort()).toEqual([ns.subject('appointment.>'), ns.subject('regulation.>')]);
  });

  it('updates a stream whose definition changed', async () => {
    const changed = TEST_STREAMS.map((d) => (d.name === 'GAZETTES' ? { ...d, maxAgeSeconds: 1800 } : d));
    const results = await provisionStreams(jsm, ns, changed);
    expect(results.find((r) => r.name === ns.stream('GAZETTES'))?.action).toBe('updated');
    expect(results.filter((r) => r.action === 'unchanged')).toHaveLength(TEST_STREAMS.length - 1);
    expect((await jsm.streams.info(ns.stream('GAZETTES'))).config.max_age).toBe(nanos(1800 * 1000));
  });

  it('deletes only the namespace streams, and never an unprefixed namespace', async () => {
    await expect(deleteStreams(jsm, new Namespace())).rejects.toThrow(/refuses/);
    const other = Namespace.forTestRun();
    await provisionStreams(jsm, other, TEST_STREAMS.slice(0, 1));
    try {
      const deleted = await deleteStreams(jsm, ns);
      expect(deleted.sort()).toEqual(TEST_STREAMS.map((d) => ns.stream(d.name)).sort());
      await expect(jsm.streams.info(other.stream('GAZETTES'))).resolves.toBeDefined();
    } finally {
      await deleteStreams(jsm, other);
    }
  });
});
