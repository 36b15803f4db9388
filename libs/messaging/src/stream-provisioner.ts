import {
  DiscardPolicy,
  JetStreamManager,
  NatsError,
  RetentionPolicy,
  StorageType,
  StreamConfig,
  StreamInfo,
  nanos,
} from 'nats';
import { Namespace } from './namespace';
import { StreamDefinitionLike } from './stream-definition';

export type ProvisionAction = 'created' | 'updated' | 'unchanged';

export interface ProvisionedStream {
  /** Physical stream name. */
  readonly name: string;
  readonly action: ProvisionAction;
}

/** JetStream API error codes this module reacts to (see nats-server's errors.json). */
const STREAM_NOT_FOUND = 10059;
const STREAM_NAME_IN_USE = 10058;

function apiErrorCode(error: unknown): number | undefined {
  return error instanceof NatsError ? error.api_error?.err_code : undefined;
}

function desiredConfig(ns: Namespace, definition: StreamDefinitionLike): Partial<StreamConfig> & { name: string } {
  if (definition.subjects.length === 0) {
    throw new Error(`stream ${definition.name} has no subjects`);
  }
  if (definition.maxAgeSeconds > 0 && definition.duplicateWindowSeconds > definition.maxAgeSeconds) {
    // The server rejects this too, but with a message that does not name the definition.
    throw new Error(`stream ${definition.name}: duplicate window exceeds max age`);
  }
  return {
    name: ns.stream(definition.name),
    subjects: definition.subjects.map((subject) => ns.subject(subject)),
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    discard: DiscardPolicy.Old,
    max_age: nanos(definition.maxAgeSeconds * 1000),
    duplicate_window: nanos(definition.duplicateWindowSeconds * 1000),
  };
}

function sameSubjects(a: readonly string[], b: readonly string[]): boolean {
  const left = [...a].sort();
  const right = [...b].sort();
  return left.length === right.length && left.every((subject, i) => subject === right[i]);
}

function differs(current: StreamConfig, desired: Partial<StreamConfig>): boolean {
  return (
    !sameSubjects(current.subjects ?? [], desired.subjects ?? []) ||
    current.max_age !== desired.max_age ||
    current.duplicate_window !== desired.duplicate_window ||
    current.discard !== desired.discard
  );
}

async function streamInfoOrNull(jsm: JetStreamManager, name: string): Promise<StreamInfo | null> {
  try {
    return await jsm.streams.info(name);
  } catch (error) {
    if (apiErrorCode(error) === STREAM_NOT_FOUND) {
      return null;
    }
    throw error;
  }
}

async function provisionOne(
  jsm: JetStreamManager,
  ns: Namespace,
  definition: StreamDefinitionLike,
): Promise<ProvisionedStream> {
  const desired = desiredConfig(ns, definition);
  const existing = await streamInfoOrNull(jsm, desired.name);
  if (existing === null) {
    try {
      await jsm.streams.add(desired);
      return { name: desired.name, action: 'created' };
    } catch (error) {
      // Another replica created it between our lookup and our add: fall through to the update path.
      if (apiErrorCode(error) !== STREAM_NAME_IN_USE) {
        throw error;
      }
    }
  }
  const current = existing ?? (await jsm.streams.info(desired.name));
  if (current.config.retention !== desired.retention || current.config.storage !== desired.storage) {
    // Neither can be changed in place; recreating would drop the stored events, a human decision.
    throw new Error(
      `stream ${desired.name} exists with retention=${current.config.retention} storage=${current.config.storage}; ` +
        `expected ${desired.retention}/${desired.storage} — migrate it by hand`,
    );
  }
  if (!differs(current.config, desired)) {
    return { name: desired.name, action: 'unchanged' };
  }
  await jsm.streams.update(desired.name, { ...current.config, ...desired });
  return { name: desired.name, action: 'updated' };
}

/**
 * Creates or updates the namespace's streams so that their configuration matches the definitions.
 * Safe to run from every replica at every boot: an unchanged stream is left alone.
 */
export async function provisionStreams(
  jsm: JetStreamManager,
  ns: Namespace,
  definitions: readonly StreamDefinitionLike[],
): Promise<ProvisionedStream[]> {
  const results: ProvisionedStream[] = [];
  // Sequential on purpose: overlapping subjects between two definitions should fail on the
  // second one with a clear server error, not race.
  for (const definition of definitions) {
    results.push(await provisionOne(jsm, ns, definition));
  }
  return results;
}

/**
 * Deletes every stream of a prefixed namespace (test cleanup). Refuses an unprefixed namespace so
 * a misconfigured test can never wipe production streams.
 */
export async function deleteStreams(jsm: JetStreamManager, ns: Namespace): Promise<string[]> {
  if (ns.streamPrefix === '') {
    throw new Error('deleteStreams refuses a namespace without a stream prefix');
  }
  const names: string[] = [];
  for await (const name of jsm.streams.names()) {
    if (name.startsWith(ns.streamPrefix)) {
      names.push(name);
    }
  }
  for (const name of names) {
    try {
      await jsm.streams.delete(name);
    } catch (error) {
      if (apiErrorCode(error) !== STREAM_NOT_FOUND) {
        throw error;
      }
    }
  }
  return names;
}
