import { EventEmitter } from 'node:events';
import { EventStreamRegistry } from './event-stream.registry';
import type { EventStreamSink } from './server-sent-event.writer';

function sink(): EventStreamSink & EventEmitter & { ended: boolean } {
  const emitter = new EventEmitter() as EventStreamSink & EventEmitter & { ended: boolean };
  return Object.assign(emitter, {
    ended: false,
    writableLength: 0,
    writableEnded: false,
    destroyed: false,
    writeHead: () => emitter,
    write: () => true,
    end() {
      emitter.ended = true;
      emitter.emit('close');
    },
  });
}

describe('EventStreamRegistry', () => {
  it('tracks open streams until they close, and closes the rest at shutdown', () => {
    const registry = new EventStreamRegistry(15_000);
    const [a, b] = [sink(), sink()];
    const first = registry.create(a);
    const second = registry.create(b);
    first.open();
    second.open();
    expect(registry.size).toBe(2);
    a.emit('close');
    expect(registry.size).toBe(1);
    registry.closeAll();
    expect(b.ended).toBe(true);
    expect(second.isClosed).toBe(true);
    expect(registry.size).toBe(0);
  });
});
