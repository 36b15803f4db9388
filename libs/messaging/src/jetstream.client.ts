import { natsConnectionOptions } from './nats-connection';
import { ClientProxy, ReadPacket, WritePacket } from '@nestjs/microservices';
import { ConnectionOptions, NatsConnection, connect } from 'nats';
import { EnvelopeLike } from './envelope';
import { PermanentError, TransientError, describeError } from './errors';
import { EventPublisher, EventPublisherOptions, PublishResult } from './event-publisher';
import { Namespace } from './namespace';
import { RpcReply } from './rpc-reply';

export interface JetStreamClientOptions {
  servers: string | string[];
  /** Connection name shown in server monitoring. */
  name?: string;
  namespace?: Namespace;
  /**
   * The service `send(name, data)` calls (`rpc.<service>.<name>`). Without it the pattern must
   * carry the service itself: `send('<service>.<name>', data)`.
   */
  service?: string;
  /** How long `send` waits for a reply. Default 10 000. */
  requestTimeoutMs?: number;
  connection?: Omit<ConnectionOptions, 'servers'>;
  publisher?: EventPublisherOptions;
}

function isEnvelope(data: unknown): data is EnvelopeLike {
  const candidate = data as Partial<EnvelopeLike> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.id === 'string' &&
    typeof candidate.type === 'string' &&
    typeof candidate.correlation_id === 'string'
  );
}

/**
 * ClientProxy for services that only publish events or call other services:
 * `emit(subject, envelope)` publishes to JetStream and completes with the PubAck;
 * `send(name, data)` is a core NATS request on `rpc.<service>.<name>` answered by a `@MessagePattern`.
 */
export class JetStreamClient extends ClientProxy {
  private nc?: NatsConnection;
  private connecting?: Promise<NatsConnection>;
  private publisher?: EventPublisher;
  private readonly ns: Namespace;

  constructor(private readonly options: JetStreamClientOptions) {
    super();
    this.ns = options.namespace ?? new Namespace();
  }

  /** Connects once; concurrent callers share the same attempt. */
  connect(): Promise<NatsConnection> {
    this.connecting ??= connect({
      name: this.options.name,
      maxReconnectAttempts: -1,
      ...natsConnectionOptions(this.options.servers, this.options.connection),
    }).then(
      (nc) => {
        this.nc = nc;
        this.publisher = new EventPublisher(nc.jetstream(), this.ns, this.options.publisher);
        this._status$.next('connected');
        return nc;
      },
      (error: unknown) => {
        // Let the next call try again instead of replaying the failure forever.
        this.connecting = undefined;
        throw new TransientError(`cannot connect to NATS at ${String(this.options.servers)}: ${describeError(error)}`, {
          cause: error,
        });
      },
    );
    return this.connecting;
  }

  async close(): Promise<void> {
    const nc = this.nc;
    this.nc = undefined;
    this.connecting = undefined;
    this.publisher = undefined;
    if (nc && !nc.isClosed()) {
      await nc.drain();
    }
    this._status$.next('disconnected');
  }

  unwrap<T>(): T {
    if (!this.nc) {
      throw new Error('JetStreamClient is not connected');
    }
    return this.nc as T;
  }

  protected async dispatchEvent<T = PublishResult>(packet: ReadPacket): Promise<T> {
    await this.connect();
    if (!isEnvelope(packet.data)) {
      throw new PermanentError('emit() needs an event envelope with id, type and correlation_id');
    }
    const publisher = this.publisher;
    if (!publisher) {
      throw new TransientError('JetStreamClient was closed while emitting');
    }
    return (await publisher.publish(this.normalizePattern(packet.pattern), packet.data)) as T;
  }

  protected publish(packet: ReadPacket, callback: (packet: WritePacket) => void): () => void {
    let cancelled = false;
    void this.request(packet).then((answer) => {
      if (!cancelled) {
        callback({ ...answer, isDisposed: true });
      }
    });
    // A core NATS request cannot be withdrawn; unsubscribing only means ignoring the answer.
    return () => {
      cancelled = true;
    };
  }

  private async request(packet: ReadPacket): Promise<Pick<WritePacket, 'err' | 'response'>> {
    const name = this.normalizePattern(packet.pattern);
    const subject = this.ns.subject(this.options.service ? `rpc.${this.options.service}.${name}` : `rpc.${name}`);
    let reply: RpcReply;
    try {
      const nc = await this.connect();
      const body = new TextEncoder().encode(JSON.stringify(packet.data));
      const msg = await nc.request(subject, body, { timeout: this.options.requestTimeoutMs ?? 10_000 });
      reply = msg.json<RpcReply>();
    } catch (error) {
      // No responder, no answer in time or a garbled one: the callee may recover, so callers may retry.
      return { err: new TransientError(`request ${subject} failed: ${describeError(error)}`, { cause: error }) };
    }
    if (reply.ok) {
      return { response: reply.data };
    }
    return { err: reply.permanent ? new PermanentError(reply.error) : new TransientError(reply.error) };
  }
}
