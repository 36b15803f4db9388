import { natsConnectionOptions } from './nats-connection';
import { Logger } from '@nestjs/common';
import { CustomTransportStrategy, MessageHandler, Server } from '@nestjs/microservices';
import { EventEmitter } from 'node:events';
import {
  AckPolicy,
  ConnectionOptions,
  ConsumerMessages,
  DeliverPolicy,
  JetStreamManager,
  JsMsg,
  Msg,
  NatsConnection,
  NatsError,
  ReplayPolicy,
  Subscription,
  connect,
  nanos,
} from 'nats';
import { lastValueFrom } from 'rxjs';
import { DeadLetterEntry, DeadLetterReason, DeadLetterRecorder, deadLetterSubjectOf } from './dead-letter';
import { CORRELATION_ID_HEADER } from './envelope';
import { TransientError, describeError, isPermanentError } from './errors';
import { EventPublisher, EventPublisherOptions } from './event-publisher';
import { JetStreamContext, JetStreamRpcContext } from './jetstream.context';
import type { ConsumerPending, JetStreamMetrics, MessageFailureReason } from './jetstream.metrics';
import { runInLogContext, type LogContext } from './log-context';
import { Namespace } from './namespace';
import { backoffDelay } from './retry-backoff';
import { StreamDefinitionLike } from './stream-definition';
import { RpcReply } from './rpc-reply';
import { provisionStreams } from './stream-provisioner';
import { commonFilter, hasWildcard, patternCovers, subjectMatches } from './subject-pattern';

/** Transport id, so `@EventPattern(subject, JETSTREAM_TRANSPORT)` can target this transport alone. */
export const JETSTREAM_TRANSPORT = Symbol('GAZETTE_JETSTREAM');

/**
 * Deliveries the consumer allows beyond `maxDeliver`. The transport dead-letters on delivery
 * `maxDeliver`; if publishing that dead letter fails it naks, and without headroom the server would
 * never deliver the message again, silently losing it. Deliveries past `maxDeliver` skip the handler
 * and only retry the dead-lettering.
 */
export const DEAD_LETTER_HEADROOM = 3;

/** A consumer-info request slower than this leaves the lag out of a scrape rather than hanging it. */
const CONSUMER_INFO_TIMEOUT_MS = 2_000;

/** The metric vocabulary for a dead letter's reason (the dead letter itself keeps `permanent_error`). */
const FAILURE_OF_DEAD_LETTER: Record<DeadLetterReason, MessageFailureReason> = {
  malformed_json: 'malformed_json',
  invalid_payload: 'invalid_payload',
  permanent_error: 'permanent',
  retries_exhausted: 'retries_exhausted',
};

/** JetStream API error code for "consumer not found". */
const CONSUMER_NOT_FOUND = 10014;

export type PayloadValidator = (subject: string, data: unknown) => unknown;

export interface JetStreamServerOptions {
  servers: string | string[];
  /** Durable consumer name and RPC queue group, shared by all replicas of the service. */
  service: string;
  namespace?: Namespace;
  /** Every stream of the deployment (the contracts' `STREAMS`); all are provisioned at boot. */
  streams: readonly StreamDefinitionLike[];
  /** Deliveries before a failing message is dead-lettered. Default 5. */
  maxDeliver?: number;
  /** Default 30 000. */
  ackWaitMs?: number;
  /** Base of the nak backoff; doubles per delivery, with jitter. Default 1 000. */
  nakDelayMs?: number;
  /** Ceiling of the nak backoff. Default 60 000. */
  maxNakDelayMs?: number;
  /** Handlers running at once per stream consumer in this replica. Default 1 (stream order). */
  concurrency?: number;
  /** Lifetime of each pull request. Default 30 000 (the client's default; minimum 1 000). */
  pullExpiresMs?: number;
  /**
   * How long `close()` waits for running handlers before draining anyway. Default 25 000: handlers
   * may outlive ack_wait (the transport keeps extending it), and orchestrators usually kill a
   * process 30 s after asking it to stop.
   */
  closeTimeoutMs?: number;
  /**
   * Checks and converts a decoded payload before the handler sees it (e.g. `parseEnvelope`); its
   * return value is what the handler receives. Throwing dead-letters the message as
   * `invalid_payload`, except a `TransientError`, which is retried.
   */
  validate?: PayloadValidator;
  deadLetters?: DeadLetterRecorder;
  connection?: Omit<ConnectionOptions, 'servers'>;
  publisher?: EventPublisherOptions;
  /** Counters, durations and consumer lag (e.g. `PrometheusMetrics.jetstream`); none when absent. */
  metrics?: JetStreamMetrics;
}

export interface JetStreamServerStats {
  /** Event messages handled and acked. */
  processed: number;
  /** Handler failures (each nak or dead letter after a handler ran counts once). */
  failed: number;
  deadLettered: number;
  /** Messages acked without a handler (other subjects under a shared consumer filter). */
  skipped: number;
  /** Event and RPC handlers running now. */
  inFlight: number;
}

/** NATS connection status events re-emitted by the server (`server.on('disconnect', ...)`). */
export type JetStreamServerEvents = {
  disconnect: (data: unknown) => void;
  reconnect: (data: unknown) => void;
  update: (data: unknown) => void;
  ldm: (data: unknown) => void;
  error: (data: unknown) => void;
};

export type JetStreamServerStatus = 'connected' | 'disconnected';

interface ConsumerBinding {
  readonly definition: StreamDefinitionLike;
  readonly stream: string;
  readonly filterSubject?: string;
  messages?: ConsumerMessages;
  loop?: Promise<void>;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const lossyUtf8 = new TextDecoder('utf-8');
const encoder = new TextEncoder();

function isValidPattern(pattern: string): boolean {
  return pattern.length > 0 && !/[\s{}"]/.test(pattern) && pattern.split('.').every((token) => token.length > 0);
}

function apiErrorCode(error: unknown): number | undefined {
  return error instanceof NatsError ? error.api_error?.err_code : undefined;
}

/** Resolves when `work` settles or `ms` elapse, whichever is first; never rejects. */
async function settleWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), Math.max(0, ms));
  });
  try {
    return await Promise.race([work.then(() => true), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * NestJS transport over JetStream durable pull consumers (see docs/pipeline-design.md, "Consumers").
 * `@EventPattern(subject)` handlers consume events; `@MessagePattern(name)` handlers answer core
 * NATS requests on `rpc.<service>.<name>`.
 */
/** Messages pulled per handler slot in one pull request. */
const PULL_BATCH_PER_HANDLER = 4;

export class JetStreamServer
  extends Server<JetStreamServerEvents, JetStreamServerStatus>
  implements CustomTransportStrategy
{
  override transportId = JETSTREAM_TRANSPORT;
  protected override readonly logger = new Logger(JetStreamServer.name);

  private readonly ns: Namespace;
  private readonly maxDeliver: number;
  private readonly ackWaitMs: number;
  private readonly concurrency: number;
  private readonly events = new EventEmitter();
  private readonly running = new Set<Promise<void>>();
  private readonly counters = { processed: 0, failed: 0, deadLettered: 0, skipped: 0 };
  private nc?: NatsConnection;
  private jsm?: JetStreamManager;
  private connected = false;
  private publisher?: EventPublisher;
  private bindings: ConsumerBinding[] = [];
  private rpcSubscriptions: Subscription[] = [];
  private closing = false;
  private closed?: Promise<void>;

  constructor(private readonly options: JetStreamServerOptions) {
    super();
    if (!/^[A-Za-z0-9_-]+$/.test(options.service)) {
      // The service name becomes a durable consumer name and a queue group.
      throw new Error(`service name "${options.service}" may only contain letters, digits, "_" and "-"`);
    }
    this.ns = options.namespace ?? new Namespace();
    this.maxDeliver = options.maxDeliver ?? 5;
    this.ackWaitMs = options.ackWaitMs ?? 30_000;
    this.concurrency = options.concurrency ?? 1;
    if (this.maxDeliver < 1 || this.concurrency < 1 || this.ackWaitMs < 1) {
      throw new Error('maxDeliver, concurrency and ackWaitMs must be positive');
    }
  }

  async listen(callback: (...optionalParams: unknown[]) => unknown): Promise<void> {
    try {
      await this.start();
    } catch (error) {
      await this.close().catch(() => undefined);
      callback(error);
      return;
    }
    callback();
  }

  /** Stops pulling, lets running handlers finish (up to `closeTimeoutMs`), then drains the connection. */
  close(): Promise<void> {
    this.closed ??= this.shutdown();
    return this.closed;
  }

  /** Whether the NATS connection is open and not between a disconnect and a reconnect (readiness). */
  isConnected(): boolean {
    return this.connected && this.nc !== undefined && !this.nc.isClosed() && !this.closing;
  }

  /** Messages each consumer of this service has not been delivered yet (its lag). */
  async consumerPending(): Promise<ConsumerPending[]> {
    const jsm = this.jsm;
    if (!jsm || !this.isConnected()) return [];
    const results = await Promise.allSettled(
      this.bindings.map(async (binding) => {
        const info = await Promise.race([
          jsm.consumers.info(binding.stream, this.options.service),
          new Promise<never>((_, reject) => {
            setTimeout(() => reject(new Error('consumer info timed out')), CONSUMER_INFO_TIMEOUT_MS).unref();
          }),
        ]);
        return { stream: binding.definition.name, pending: info.num_pending };
      }),
    );
    return results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  }

  stats(): JetStreamServerStats {
    return { ...this.counters, inFlight: this.running.size };
  }

  on<K extends keyof JetStreamServerEvents>(event: K, callback: JetStreamServerEvents[K]): void {
    this.events.on(event, callback);
  }

  unwrap<T>(): T {
    if (!this.nc) {
      throw new Error('JetStreamServer is not listening');
    }
    return this.nc as T;
  }

  private async start(): Promise<void> {
    // Wiring mistakes are found before anything is created on the server.
    const { eventPatterns, rpcPatterns } = this.registeredPatterns();
    this.bindings = this.planConsumers(eventPatterns);
    const nc = await this.connect();
    this.nc = nc;
    this.watchStatus(nc).catch((error: unknown) => this.logger.error(`status watch ended: ${describeError(error)}`));
    const jsm = await nc.jetstreamManager();
    this.jsm = jsm;
    this.publisher = new EventPublisher(nc.jetstream(), this.ns, this.options.publisher);
    await provisionStreams(jsm, this.ns, this.options.streams);

    for (const binding of this.bindings) {
      await this.upsertConsumer(jsm, binding);
      const consumer = await nc.jetstream().consumers.get(binding.stream, this.options.service);
      binding.messages = await consumer.consume({
        // A batch of several handlers' worth: fewer pull requests on the wire, and still far
        // from ack_wait for the last message of a batch.
        max_messages: this.concurrency * PULL_BATCH_PER_HANDLER,
        expires: this.options.pullExpiresMs ?? 30_000,
      });
      binding.loop = this.consumeLoop(binding, binding.messages);
    }
    for (const [pattern, handler] of rpcPatterns) {
      this.rpcSubscriptions.push(this.subscribeRpc(nc, pattern, handler));
    }
    // A subscription reaches the server asynchronously: without this round trip a request sent
    // right after listen() resolves could find no responder (503) although the service is up.
    await nc.flush();
    this.connected = true;
    this.options.metrics?.watchConsumers?.(() => this.consumerPending());
    this._status$.next('connected');
    this.logger.log(
      `${this.options.service}: consuming ${this.bindings.map((b) => `${b.stream}[${b.filterSubject ?? '*'}]`).join(', ') || 'no streams'}` +
        `, ${rpcPatterns.size} rpc pattern(s)`,
    );
  }

  private async connect(): Promise<NatsConnection> {
    const servers = this.options.servers;
    try {
      return await connect({
        name: this.options.service,
        maxReconnectAttempts: -1,
        ...natsConnectionOptions(servers, this.options.connection),
      });
    } catch (error) {
      throw new Error(`cannot connect to NATS at ${String(servers)}: ${describeError(error)}`, { cause: error });
    }
  }

  private async watchStatus(nc: NatsConnection): Promise<void> {
    for await (const status of nc.status()) {
      if (status.type === 'disconnect') {
        this.connected = false;
        this._status$.next('disconnected');
        this.logger.warn(`NATS disconnected: ${String(status.data)}`);
      } else if (status.type === 'reconnect') {
        this.connected = true;
        this._status$.next('connected');
        this.logger.log(`NATS reconnected: ${String(status.data)}`);
      } else if (status.type === 'error') {
        this.logger.error(`NATS error: ${String(status.data)}`);
      }
      this.events.emit(status.type, status.data);
    }
  }

  private registeredPatterns(): { eventPatterns: string[]; rpcPatterns: Map<string, MessageHandler> } {
    const eventPatterns: string[] = [];
    const rpcPatterns = new Map<string, MessageHandler>();
    for (const [pattern, handler] of this.messageHandlers) {
      if (!isValidPattern(pattern)) {
        throw new Error(`pattern ${pattern} is not a NATS subject; use a dotted string such as "gazette.ingested"`);
      }
      if (handler.isEventHandler) {
        eventPatterns.push(pattern);
      } else if (hasWildcard(pattern)) {
        throw new Error(`@MessagePattern("${pattern}") must not contain wildcards`);
      } else {
        rpcPatterns.set(pattern, handler);
      }
    }
    return { eventPatterns, rpcPatterns };
  }

  /** One consumer per stream that has handlers; fails at boot for a subject no stream captures. */
  private planConsumers(eventPatterns: readonly string[]): ConsumerBinding[] {
    const byStream = new Map<StreamDefinitionLike, string[]>();
    for (const pattern of eventPatterns) {
      const definition = this.options.streams.find((d) => d.subjects.some((s) => patternCovers(s, pattern)));
      if (!definition) {
        throw new Error(`@EventPattern("${pattern}") is not captured by any stream`);
      }
      byStream.set(definition, [...(byStream.get(definition) ?? []), pattern]);
    }
    if (byStream.size > 0) {
      const deadLetterSubject = deadLetterSubjectOf(this.options.service);
      if (!this.options.streams.some((d) => d.subjects.some((s) => subjectMatches(s, deadLetterSubject)))) {
        throw new Error(`no stream captures ${deadLetterSubject}: dead letters would be lost`);
      }
    }
    return [...byStream].map(([definition, patterns]) => {
      const filter = commonFilter(patterns);
      // The filter must lie inside one stream subject, or the server rejects the consumer.
      const usable = filter !== undefined && definition.subjects.some((s) => patternCovers(s, filter));
      return {
        definition,
        stream: this.ns.stream(definition.name),
        filterSubject: usable ? this.ns.subject(filter) : undefined,
      };
    });
  }

  private async upsertConsumer(jsm: JetStreamManager, binding: ConsumerBinding): Promise<void> {
    const durable = this.options.service;
    const updatable = {
      ack_wait: nanos(this.ackWaitMs),
      max_deliver: this.maxDeliver + DEAD_LETTER_HEADROOM,
      filter_subject: binding.filterSubject,
    };
    try {
      const info = await jsm.consumers.info(binding.stream, durable);
      const current = info.config;
      if (
        current.ack_wait !== updatable.ack_wait ||
        current.max_deliver !== updatable.max_deliver ||
        (current.filter_subject || undefined) !== updatable.filter_subject
      ) {
        await jsm.consumers.update(binding.stream, durable, updatable);
      }
      return;
    } catch (error) {
      if (apiErrorCode(error) !== CONSUMER_NOT_FOUND) {
        throw error;
      }
    }
    // Two replicas booting together may both get here; the server treats an identical create as a no-op.
    await jsm.consumers.add(binding.stream, {
      ...updatable,
      durable_name: durable,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      replay_policy: ReplayPolicy.Instant,
    });
  }

  private async consumeLoop(binding: ConsumerBinding, messages: ConsumerMessages): Promise<void> {
    const active = new Set<Promise<void>>();
    try {
      for await (const msg of messages) {
        if (this.closing) {
          // Already buffered when close() began: hand it straight back so another replica takes it.
          msg.nak();
          continue;
        }
        const task: Promise<void> = this.track(this.handleMessage(binding, msg)).finally(() => active.delete(task));
        active.add(task);
        // Waiting here rather than buffering keeps unstarted messages from ageing towards ack_wait.
        while (active.size >= this.concurrency) {
          await Promise.race(active);
        }
      }
    } catch (error) {
      if (!this.closing) {
        this.logger.error(`consumer ${binding.stream}/${this.options.service} stopped: ${describeError(error)}`);
      }
    }
  }

  private track(work: Promise<void>): Promise<void> {
    this.running.add(work);
    return work.finally(() => this.running.delete(work));
  }

  private async handleMessage(binding: ConsumerBinding, msg: JsMsg): Promise<void> {
    // A handler may legitimately outlive ack_wait (a slow parse, a retried publish); telling the
    // server it is still working prevents a second replica from getting the same message meanwhile.
    const keepAlive = setInterval(() => msg.working(), Math.max(100, Math.floor(this.ackWaitMs / 2)));
    // Everything logged while this message is handled (here, in the handler, in the use cases it
    // calls) carries its correlation id; `processMessage` fills it from the body if no header had it.
    const context: LogContext = {
      service: this.options.service,
      correlationId: msg.headers?.get(CORRELATION_ID_HEADER) || undefined,
    };
    try {
      await runInLogContext(context, () => this.processMessage(binding, msg, context));
    } catch (error) {
      this.logger.error(`unexpected failure on ${msg.subject}#${msg.seq}: ${describeError(error)}`);
      this.options.metrics?.messageFailed(this.ns.logicalSubject(msg.subject), 'transient');
      msg.nak(this.nakDelay(msg.info.deliveryCount, error));
    } finally {
      clearInterval(keepAlive);
    }
  }

  private async processMessage(binding: ConsumerBinding, msg: JsMsg, context: LogContext): Promise<void> {
    const deliveries = msg.info.deliveryCount;
    const subject = this.ns.logicalSubject(msg.subject);
    if (deliveries > this.maxDeliver) {
      // Only reached when dead-lettering failed on an earlier delivery.
      return this.deadLetter(
        binding,
        msg,
        subject,
        'retries_exhausted',
        `not handled in ${this.maxDeliver} deliveries`,
      );
    }
    const handler = this.eventHandlerFor(subject);
    if (!handler) {
      this.counters.skipped++;
      msg.ack();
      return;
    }

    let payload: unknown;
    try {
      payload = JSON.parse(strictUtf8.decode(msg.data));
    } catch (error) {
      return this.deadLetter(binding, msg, subject, 'malformed_json', describeError(error));
    }
    context.correlationId ??= correlationIdOf(payload);
    if (this.options.validate) {
      try {
        payload = await this.options.validate(subject, payload);
      } catch (error) {
        if (!(error instanceof TransientError)) {
          return this.deadLetter(binding, msg, subject, 'invalid_payload', describeError(error));
        }
        return this.retryOrGiveUp(binding, msg, subject, error);
      }
    }

    const started = process.hrtime.bigint();
    const elapsedSeconds = () => Number(process.hrtime.bigint() - started) / 1e9;
    try {
      const result = await handler(payload, new JetStreamContext([subject, msg]));
      await lastValueFrom(this.transformToObservable(result), { defaultValue: undefined });
    } catch (error) {
      this.options.metrics?.handlerDuration(subject, elapsedSeconds());
      this.counters.failed++;
      if (isPermanentError(error)) {
        return this.deadLetter(binding, msg, subject, 'permanent_error', describeError(error));
      }
      return this.retryOrGiveUp(binding, msg, subject, error);
    }
    const seconds = elapsedSeconds();
    this.options.metrics?.handlerDuration(subject, seconds);
    msg.ack();
    this.counters.processed++;
    this.options.metrics?.messageProcessed(subject);
    this.logger.debug(`${subject}#${msg.info.streamSequence} handled in ${Math.round(seconds * 1000)} ms`);
  }

  private async retryOrGiveUp(binding: ConsumerBinding, msg: JsMsg, subject: string, error: unknown): Promise<void> {
    const deliveries = msg.info.deliveryCount;
    if (deliveries >= this.maxDeliver) {
      return this.deadLetter(binding, msg, subject, 'retries_exhausted', describeError(error));
    }
    const delay = this.nakDelay(deliveries, error);
    this.options.metrics?.messageFailed(subject, 'transient');
    this.logger.warn(
      `${subject}#${msg.info.streamSequence} failed (delivery ${deliveries}/${this.maxDeliver}), retry in ${delay} ms: ${describeError(error)}`,
    );
    msg.nak(delay);
  }

  private nakDelay(deliveries: number, error: unknown): number {
    if (error instanceof TransientError && error.retryAfterMs !== undefined) {
      return error.retryAfterMs;
    }
    return backoffDelay(deliveries, {
      baseMs: this.options.nakDelayMs ?? 1_000,
      maxMs: this.options.maxNakDelayMs ?? 60_000,
    });
  }

  /** Publishes the dead letter, records it, then terminates the message — in that order, so a crash never loses it. */
  private async deadLetter(
    binding: ConsumerBinding,
    msg: JsMsg,
    subject: string,
    reason: DeadLetterReason,
    error: string,
  ): Promise<void> {
    const correlationId = msg.headers?.get(CORRELATION_ID_HEADER) || undefined;
    const entry: DeadLetterEntry = {
      service: this.options.service,
      stream: binding.definition.name,
      subject,
      stream_seq: msg.info.streamSequence,
      deliveries: msg.info.deliveryCount,
      reason,
      error,
      data: lossyUtf8.decode(msg.data),
      ...(correlationId ? { correlation_id: correlationId } : {}),
      failed_at: new Date().toISOString(),
    };
    try {
      await this.requirePublisher().publishMessage(deadLetterSubjectOf(this.options.service), entry, {
        // Stream and sequence identify the message, so a retried dead-lettering is deduplicated.
        msgId: `${msg.info.stream}:${msg.info.streamSequence}`,
        correlationId,
        eventType: 'deadletter',
      });
      await this.options.deadLetters?.record(entry);
    } catch (failure) {
      this.logger.error(`dead-lettering ${subject}#${entry.stream_seq} failed, will retry: ${describeError(failure)}`);
      msg.nak(this.nakDelay(msg.info.deliveryCount, failure));
      return;
    }
    msg.term();
    this.counters.deadLettered++;
    const failure = FAILURE_OF_DEAD_LETTER[reason];
    this.options.metrics?.messageFailed(subject, failure);
    this.options.metrics?.deadLettered(subject, failure);
    this.logger.warn(`${subject}#${entry.stream_seq} dead-lettered (${reason}): ${error}`);
  }

  private eventHandlerFor(subject: string): MessageHandler | null {
    const exact = this.messageHandlers.get(subject);
    if (exact?.isEventHandler) {
      return exact;
    }
    for (const [pattern, handler] of this.messageHandlers) {
      if (handler.isEventHandler && hasWildcard(pattern) && subjectMatches(pattern, subject)) {
        return handler;
      }
    }
    return null;
  }

  private subscribeRpc(nc: NatsConnection, pattern: string, handler: MessageHandler): Subscription {
    // `rpc.<service>.<name>` (the design's request/reply subject), so services cannot shadow each other.
    return nc.subscribe(this.ns.subject(`rpc.${this.options.service}.${pattern}`), {
      // A queue group named after the service: one replica answers each request.
      queue: this.options.service,
      callback: (error, msg) => {
        if (error) {
          this.logger.error(`rpc subscription ${pattern} failed: ${describeError(error)}`);
          return;
        }
        const context: LogContext = {
          service: this.options.service,
          correlationId: msg.headers?.get(CORRELATION_ID_HEADER) || undefined,
        };
        void this.track(runInLogContext(context, () => this.answerRequest(pattern, handler, msg)));
      },
    });
  }

  private async answerRequest(pattern: string, handler: MessageHandler, msg: Msg): Promise<void> {
    let reply: RpcReply;
    try {
      const data: unknown = msg.data.length === 0 ? undefined : JSON.parse(strictUtf8.decode(msg.data));
      const result = await handler(data, new JetStreamRpcContext([pattern]));
      reply = { ok: true, data: await lastValueFrom(this.transformToObservable(result), { defaultValue: undefined }) };
      this.options.metrics?.rpcRequest(pattern, 'ok');
    } catch (error) {
      reply = { ok: false, error: describeError(error), permanent: isPermanentError(error) };
      this.options.metrics?.rpcRequest(pattern, reply.permanent ? 'rejected' : 'failed');
    }
    if (!msg.reply) {
      return;
    }
    try {
      msg.respond(encoder.encode(JSON.stringify(reply)));
    } catch (error) {
      msg.respond(encoder.encode(JSON.stringify({ ok: false, error: describeError(error), permanent: true })));
    }
  }

  private requirePublisher(): EventPublisher {
    if (!this.publisher) {
      throw new Error('JetStreamServer is not listening');
    }
    return this.publisher;
  }

  private async shutdown(): Promise<void> {
    this.closing = true;
    this.connected = false;
    const nc = this.nc;
    if (!nc) {
      return;
    }
    const deadline = Date.now() + (this.options.closeTimeoutMs ?? 25_000);
    for (const subscription of this.rpcSubscriptions) {
      subscription.unsubscribe();
    }
    await Promise.allSettled(this.bindings.map((binding) => binding.messages?.close()));
    const finished = await settleWithin(
      Promise.allSettled([...this.bindings.map((binding) => binding.loop), ...this.running]),
      deadline - Date.now(),
    );
    if (!finished) {
      this.logger.warn(`${this.running.size} handler(s) still running at shutdown; their messages will be redelivered`);
    }
    // Drain flushes the acks just sent before the socket closes.
    if (!nc.isClosed()) {
      await nc.drain().catch((error: unknown) => this.logger.warn(`drain failed: ${describeError(error)}`));
    }
    this._status$.next('disconnected');
    this.events.removeAllListeners();
  }
}

/** The envelope's `correlation_id`, when the body is one (the header is missing on hand-made messages). */
function correlationIdOf(payload: unknown): string | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const value = (payload as { correlation_id?: unknown }).correlation_id;
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
