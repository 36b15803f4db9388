import { JetStreamManager, NatsConnection } from 'nats';
import { CORRELATION_ID_HEADER, EVENT_TYPE_HEADER } from './envelope';
import { TransientError } from './errors';
import { EventPublisher } from './event-publisher';
import { Namespace } from './namespace';
import { deleteStreams, provisionStreams } from './stream-provisioner';
import { TEST_STREAMS, connectOrFail, envelope } from './testing/jetstream-test-harness';

describe('EventPublisher (NATS)', () => {
  const ns = Namespace.forTestRun();
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  let publisher: EventPublisher;

  beforeAll(async () => {
    ({ nc, jsm } = await connectOrFail());
    await provisionStreams(jsm, ns, TEST_STREAMS);
    publisher = new EventPublisher(nc.jetstream(), ns);
  });

  afterAll(async () => {
    if (jsm) {
      await deleteStreams(jsm, ns);
    }
    await nc?.close();
  });

  it('stores a republished event once: the second PubAck says duplicate', async () => {
    const event = envelope('gazette.ingested', 'gazette:dup-1');
    const first = await publisher.publish('gazette.ingested', event);
    const second = await publisher.publish('gazette.ingested', event);

    expect(first).toMatchObject({ stream: ns.stream('GAZETTES'), duplicate: false });
    expect(second).toEqual({ ...first, duplicate: true });
    const state = (await jsm.streams.info(ns.stream('GAZETTES'))).state;
    expect(state.messages).toBe(1);
  });

  it('publishes in order with the message id and tracing headers', async () => {
    const events = [1, 2, 3].map((i) => ({
      subject: `document.segmented`,
      envelope: envelope('document.segmented', `document:abc:${i}`, { index: i }),
    }));
    const results = await publisher.publishAll(events);

    expect(results.map((r) => r.seq)).toEqual([1, 2, 3]);
    const stored = await jsm.streams.getMessage(ns.stream('DOCUMENTS'), { seq: 2 });
    expect(stored.subject).toBe(ns.subject('document.segmented'));
    expect(stored.header.get('Nats-Msg-Id')).toBe('document:abc:2');
    expect(stored.header.get(CORRELATION_ID_HEADER)).toBe('corr-document:abc:2');
    expect(stored.header.get(EVENT_TYPE_HEADER)).toBe('document.segmented');
    expect(stored.json()).toEqual(events[1].envelope);
  });

  it('gives up with a TransientError after bounded retries when no stream accepts the subject', async () => {
    const impatient = new EventPublisher(nc.jetstream(), ns, {
      maxAttempts: 3,
      retryBaseDelayMs: 10,
      ackTimeoutMs: 500,
    });
    const started = Date.now();
    const failure = impatient.publish('nowhere.to.go', envelope('nowhere', 'x:1'));
    await expect(failure).rejects.toBeInstanceOf(TransientError);
    await expect(failure).rejects.toThrow(/publish to .*nowhere\.to\.go failed/);
    expect(Date.now() - started).toBeLessThan(3 * 500 + 1_000);
  });
});
