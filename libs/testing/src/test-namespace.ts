import { randomBytes } from 'node:crypto';
import { connect } from 'nats';
import { natsConnectionOptions } from './nats-connection';

export interface TestNamespace {
  /** Prefix of every subject this test run uses, e.g. `tq3z8k1x0.`. */
  subjectPrefix: string;
  /** Prefix of every stream this test run creates, e.g. `TQ3Z8K1X0_`. */
  streamPrefix: string;
  /** Deletes every stream whose name starts with `streamPrefix` and returns their names. */
  cleanup(natsUrl: string): Promise<string[]>;
}

/**
 * Subject and stream prefixes unique to one test run, so runs sharing a NATS server never see
 * each other's messages (see the `Namespace` in docs/pipeline-design.md). Plain strings, so the
 * harness does not depend on the messaging library.
 */
export function createTestNamespace(): TestNamespace {
  // 10 base-36 characters: enough that concurrent runs never collide, short enough to read.
  const runId = BigInt(`0x${randomBytes(8).toString('hex')}`)
    .toString(36)
    .padStart(10, '0')
    .slice(-10);
  const streamPrefix = `T${runId.toUpperCase()}_`;
  return {
    subjectPrefix: `t${runId}.`,
    streamPrefix,
    cleanup: (natsUrl) => deleteStreamsWithPrefix(natsUrl, streamPrefix),
  };
}

async function deleteStreamsWithPrefix(natsUrl: string, streamPrefix: string): Promise<string[]> {
  const connection = await connect(natsConnectionOptions(natsUrl));
  try {
    const manager = await connection.jetstreamManager();
    const names: string[] = [];
    for await (const name of manager.streams.names()) {
      if (name.startsWith(streamPrefix)) names.push(name);
    }
    const deleted: string[] = [];
    for (const name of names) {
      try {
        await manager.streams.delete(name);
        deleted.push(name);
      } catch (error) {
        // Another cleanup of the same run may have won the race; the stream is gone either way.
        if (!(error instanceof Error && error.message.includes('stream not found'))) throw error;
      }
    }
    return deleted;
  } finally {
    await connection.close();
  }
}
