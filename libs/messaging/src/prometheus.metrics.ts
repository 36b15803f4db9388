import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { ConsumerPending, JetStreamMetrics, MessageFailureReason, RpcOutcome } from './jetstream.metrics';

/** Handler and HTTP durations: from a cached lookup to a slow parse of a large gazette. */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * The Prometheus metrics of one service instance: its own registry (several instances run in one
 * process in the tests; prom-client's global registry would make them clash), prom-client's
 * default process metrics, and the JetStream server's counters through `jetstream`.
 */
export class PrometheusMetrics {
  readonly registry = new Registry();
  private jetstreamMetrics?: JetStreamMetrics;

  constructor(
    readonly service: string,
    options: { defaultMetrics?: boolean } = {},
  ) {
    if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: this.registry });
  }

  /** The JetStream server's metrics, registered on first use (the API has no JetStream server). */
  get jetstream(): JetStreamMetrics {
    this.jetstreamMetrics ??= new PrometheusJetStreamMetrics(this.service, this.registry);
    return this.jetstreamMetrics;
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** The exposition text for `GET /metrics`. */
  scrape(): Promise<string> {
    return this.registry.metrics();
  }
}

class PrometheusJetStreamMetrics implements JetStreamMetrics {
  private readonly processed: Counter<'service' | 'subject'>;
  private readonly failed: Counter<'service' | 'subject' | 'reason'>;
  private readonly deadLetters: Counter<'service' | 'subject' | 'reason'>;
  private readonly duration: Histogram<'service' | 'subject'>;
  private readonly rpc: Counter<'service' | 'name' | 'outcome'>;
  private readonly readers: Array<() => Promise<ConsumerPending[]>> = [];

  constructor(
    private readonly service: string,
    registry: Registry,
  ) {
    const registers = [registry];
    this.processed = new Counter({
      name: 'gazette_messages_processed_total',
      help: 'Event messages handled successfully and acked',
      labelNames: ['service', 'subject'],
      registers,
    });
    this.failed = new Counter({
      name: 'gazette_messages_failed_total',
      help: 'Deliveries not acked, by reason (transient ones are retried, the others dead-lettered)',
      labelNames: ['service', 'subject', 'reason'],
      registers,
    });
    this.deadLetters = new Counter({
      name: 'gazette_dead_letters_total',
      help: 'Messages given up on and published to deadletter.<service>',
      labelNames: ['service', 'subject', 'reason'],
      registers,
    });
    this.duration = new Histogram({
      name: 'gazette_handler_duration_seconds',
      help: 'Time spent in event handlers, successful or not',
      labelNames: ['service', 'subject'],
      buckets: DURATION_BUCKETS,
      registers,
    });
    this.rpc = new Counter({
      name: 'gazette_rpc_requests_total',
      help: 'Request/reply queries answered, by outcome (ok, rejected: permanent error, failed)',
      labelNames: ['service', 'name', 'outcome'],
      registers,
    });
    const readers = this.readers;
    new Gauge({
      name: 'gazette_consumer_pending_messages',
      help: "Messages in the stream not yet delivered to the service's durable consumer (its lag), read at scrape",
      labelNames: ['service', 'stream'],
      registers,
      async collect() {
        // Read on scrape rather than on a timer: always current, and no timer to stop at shutdown.
        const lags = (await Promise.all(readers.map((read) => read().catch(() => [])))).flat();
        this.reset();
        for (const { stream, pending } of lags) this.set({ service, stream }, pending);
      },
    });
  }

  messageProcessed(subject: string): void {
    this.processed.inc({ service: this.service, subject });
  }

  messageFailed(subject: string, reason: MessageFailureReason): void {
    this.failed.inc({ service: this.service, subject, reason });
  }

  deadLettered(subject: string, reason: MessageFailureReason): void {
    this.deadLetters.inc({ service: this.service, subject, reason });
  }

  handlerDuration(subject: string, seconds: number): void {
    this.duration.observe({ service: this.service, subject }, seconds);
  }

  rpcRequest(name: string, outcome: RpcOutcome): void {
    this.rpc.inc({ service: this.service, name, outcome });
  }

  watchConsumers(read: () => Promise<ConsumerPending[]>): void {
    this.readers.push(read);
  }
}

/** `gazette_http_requests_total` and `gazette_http_request_duration_seconds`, for an HTTP face. */
export class HttpMetrics {
  private readonly requests: Counter<'route' | 'status'>;
  private readonly duration: Histogram<'route' | 'status'>;

  constructor(registry: Registry) {
    this.requests = new Counter({
      name: 'gazette_http_requests_total',
      help: 'HTTP requests answered, by route pattern and status code',
      labelNames: ['route', 'status'],
      registers: [registry],
    });
    this.duration = new Histogram({
      name: 'gazette_http_request_duration_seconds',
      help: 'Time to answer HTTP requests, by route pattern and status code',
      labelNames: ['route', 'status'],
      buckets: DURATION_BUCKETS,
      registers: [registry],
    });
  }

  /** `route` is the pattern (`/gazettes/:id`), never the path, so ids do not multiply the series. */
  observe(route: string, status: number, seconds: number): void {
    const labels = { route, status: String(status) };
    this.requests.inc(labels);
    this.duration.observe(labels, seconds);
  }
}
