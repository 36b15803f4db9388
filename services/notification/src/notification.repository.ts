import type { NotificationKind, NotificationMessage, Principal } from '@gazette-watch/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import { ownerOf } from './subscription.repository';

export type DeliveryStatus = 'pending' | 'delivering' | 'succeeded' | 'failed' | 'none';

/** A notification to store: one (subscription, fact revision), with its first delivery state. */
export interface NewNotification {
  id: string;
  subscription_id: string;
  fact_id: string;
  revision: number;
  action: 'created' | 'updated';
  kind: NotificationKind;
  message: NotificationMessage;
  correlation_id: string;
  /**
   * `pending` when the subscription has an active webhook; `failed` (with the reason, and open to a
   * manual redelivery) when its webhook is disabled; `none` when it has no webhook.
   */
  status: 'pending' | 'failed' | 'none';
  last_error?: string | null;
}

export interface NotificationRow {
  id: string;
  subscription_id: string;
  fact_id: string;
  revision: number;
  action: 'created' | 'updated';
  kind: NotificationKind;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: Date | null;
  last_status_code: number | null;
  last_error: string | null;
  created_at: Date;
  delivered_at: Date | null;
}

export interface DeliveryAttemptRow {
  attempt: number;
  started_at: Date;
  status_code: number | null;
  latency_ms: number;
  error: string | null;
}

/** A delivery the dispatcher claimed: the stored message and what signing and sending need. */
export interface ClaimedDelivery {
  id: string;
  subscription_id: string;
  fact_id: string;
  message: NotificationMessage;
  correlation_id: string;
  created_at: Date;
  /** Attempts made before this one, all cycles. */
  attempts: number;
  /** Attempts made before this one in the current schedule (a manual redelivery restarts it). */
  cycle_attempts: number;
  webhook_url: string | null;
  webhook_status: 'active' | 'disabled' | null;
  webhook_disabled_reason: string | null;
  /** Set while the endpoint is in a run of failures: a success then has to end it. */
  webhook_failing_since: Date | null;
  secret: string | null;
  previous_secret: string | null;
  previous_secret_until: Date | null;
}

export interface AttemptOutcome {
  attempt: number;
  startedAt: Date;
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
}

/** A fact at its latest revision, as the feeds list it. */
export interface FeedFactRow {
  event_id: string;
  kind: NotificationKind;
  revision: number;
  gazette_id: string;
  document_id: string;
  region: string | null;
  payload: Record<string, unknown>;
  correlation_id: string;
  received_at: Date;
  updated_at: Date;
}

/** What the log says of an attempt whose dispatcher stopped before it could record the outcome. */
const LOST_ATTEMPT = 'no outcome: the dispatcher stopped during the attempt';

const NOTIFICATION_FIELDS = [
  'id',
  'subscription_id',
  'fact_id',
  'revision',
  'action',
  'kind',
  'status',
  'attempts',
  'next_attempt_at',
  'last_status_code',
  'last_error',
  'created_at',
  'delivered_at',
];
const NOTIFICATION_COLUMNS = NOTIFICATION_FIELDS.join(', ');

/**
 * The `notification` and `delivery_attempt` tables: the outbox of every subscription. A row is
 * written in the transaction that records its fact, so a crash either keeps both or neither, and
 * the dispatcher works from the rows alone, so a restart resumes every schedule where it was.
 */
export class NotificationRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Subscriptions already notified of some revision of the fact (their next one is an update). */
  async subscriptionsNotifiedOf(manager: EntityManager, factId: string): Promise<Set<string>> {
    const rows: Array<{ subscription_id: string }> = await manager.query(
      'SELECT DISTINCT subscription_id FROM notification WHERE fact_id = $1',
      [factId],
    );
    return new Set(rows.map((row) => row.subscription_id));
  }

  /** Inserts the notifications that do not exist yet; returns those it inserted. */
  async insertNew(
    notifications: readonly NewNotification[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<NewNotification[]> {
    if (notifications.length === 0) return [];
    const inserted: Array<{ id: string }> = await manager.query(
      `INSERT INTO notification
         (id, subscription_id, fact_id, revision, action, kind, message, correlation_id, status, last_error,
          next_attempt_at)
       SELECT r.id, r.subscription_id, r.fact_id, r.revision, r.action, r.kind, r.message, r.correlation_id, r.status,
              r.last_error, CASE WHEN r.status = 'pending' THEN now() END
       FROM jsonb_to_recordset($1::jsonb) AS r(
         id uuid, subscription_id uuid, fact_id text, revision int, action text, kind text, message jsonb,
         correlation_id text, status text, last_error text)
       ON CONFLICT ON CONSTRAINT notification_once_key DO NOTHING
       RETURNING id`,
      [JSON.stringify(notifications)],
    );
    const ids = new Set(inserted.map((row) => row.id));
    return notifications.filter((notification) => ids.has(notification.id));
  }

  /**
   * Claims up to `limit` due deliveries for `leaseMs`: pending ones whose time has come and
   * delivering ones whose lease ran out (their dispatcher died mid-attempt). SKIP LOCKED lets
   * several replicas claim side by side without taking the same row.
   */
  async claimDue(
    limit: number,
    leaseMs: number,
    scheduleLength: number,
    fairness: { perSubscription: number; inFlight: ReadonlyMap<string, number> } = {
      perSubscription: limit,
      inFlight: new Map(),
    },
  ): Promise<ClaimedDelivery[]> {
    const [rows]: [ClaimedDelivery[], number] = await this.dataSource.query(
      `WITH busy AS (
         SELECT * FROM unnest($5::uuid[], $6::int[]) AS busy(subscription_id, in_flight)
       ),
       -- At most $4 attempts of one subscription in flight (in this dispatcher), so one slow
       -- endpoint's backlog cannot take every slot from the others: its rows are passed over.
       candidates AS (
         SELECT n.id, n.subscription_id, n.status AS was, n.next_attempt_at
         FROM notification n
         WHERE ((n.status = 'pending' AND n.next_attempt_at <= now())
                OR (n.status = 'delivering' AND n.lease_until < now()))
           AND NOT EXISTS (SELECT 1 FROM busy b WHERE b.subscription_id = n.subscription_id AND b.in_flight >= $4)
         ORDER BY n.next_attempt_at
         LIMIT $1 * 4
       ),
       due AS (
         SELECT n.id, ranked.was FROM notification n
         JOIN (
           SELECT c.id, c.was, c.next_attempt_at, COALESCE(b.in_flight, 0) AS in_flight,
                  row_number() OVER (PARTITION BY c.subscription_id ORDER BY c.next_attempt_at) AS rank
           FROM candidates c LEFT JOIN busy b ON b.subscription_id = c.subscription_id
         ) ranked ON ranked.id = n.id
         WHERE ranked.rank + ranked.in_flight <= $4
         ORDER BY ranked.next_attempt_at
         LIMIT $1
         FOR UPDATE OF n SKIP LOCKED
       ),
       -- An expired lease means an attempt was made whose outcome nobody recorded: log it as such.
       lost AS (
         INSERT INTO delivery_attempt (notification_id, attempt, started_at, status_code, latency_ms, error)
         SELECT n.id, n.attempts + 1, n.lease_until - make_interval(secs => $2::double precision / 1000), NULL, 0,
                '${LOST_ATTEMPT}'
         FROM notification n JOIN due ON due.id = n.id AND due.was = 'delivering'
         ON CONFLICT DO NOTHING
       ),
       -- A lost attempt that was the schedule's last ends the delivery instead of making one more.
       spent AS (
         UPDATE notification n
         SET status = 'failed', attempts = n.attempts + 1, cycle_attempts = n.cycle_attempts + 1,
             lease_until = NULL, next_attempt_at = NULL, last_status_code = NULL, last_error = '${LOST_ATTEMPT}'
         FROM due
         WHERE n.id = due.id AND due.was = 'delivering' AND n.cycle_attempts + 1 >= $3
         RETURNING n.id
       )
       UPDATE notification n
       SET status = 'delivering',
           lease_until = now() + make_interval(secs => $2::double precision / 1000),
           attempts = n.attempts + CASE WHEN due.was = 'delivering' THEN 1 ELSE 0 END,
           cycle_attempts = n.cycle_attempts + CASE WHEN due.was = 'delivering' THEN 1 ELSE 0 END
       FROM due, subscription s
       WHERE n.id = due.id AND s.id = n.subscription_id
         AND NOT (due.was = 'delivering' AND n.cycle_attempts + 1 >= $3)
       RETURNING n.id, n.subscription_id, n.fact_id, n.message, n.correlation_id, n.created_at, n.attempts,
         n.cycle_attempts, s.webhook_url, s.webhook_status, s.webhook_disabled_reason, s.webhook_failing_since,
         s.secret, s.previous_secret, s.previous_secret_until`,
      [
        limit,
        leaseMs,
        scheduleLength,
        fairness.perSubscription,
        [...fairness.inFlight.keys()],
        [...fairness.inFlight.values()],
      ],
    );
    return rows;
  }

  /** The earliest time a delivery becomes due, to sleep until then; null when none is waiting. */
  async nextDueAt(): Promise<Date | null> {
    const rows: Array<{ due: Date | null }> = await this.dataSource.query(
      `SELECT MIN(CASE WHEN status = 'pending' THEN next_attempt_at ELSE lease_until END) AS due
       FROM notification WHERE status IN ('pending', 'delivering')`,
    );
    return rows[0]?.due ?? null;
  }

  /**
   * Logs the attempt and settles the delivery (succeeded, due again at `retryAt`, or failed) in one
   * statement: one round trip and one commit per attempt. Fenced by the attempt count the claim
   * returned: if the lease ran out and another dispatcher took the row over meanwhile, this outcome
   * is dropped (false) rather than overwrite the newer one.
   */
  async settle(
    delivery: Pick<ClaimedDelivery, 'id' | 'attempts'>,
    outcome: AttemptOutcome,
    next: { status: 'succeeded' } | { status: 'pending'; retryAt: Date } | { status: 'failed' },
  ): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `WITH settled AS (
         UPDATE notification SET
           status = $2, attempts = attempts + 1, cycle_attempts = cycle_attempts + 1,
           next_attempt_at = $3, lease_until = NULL, last_status_code = $4, last_error = $5,
           delivered_at = CASE WHEN $2 = 'succeeded' THEN now() ELSE delivered_at END
         WHERE id = $1 AND status = 'delivering' AND attempts = $9
         RETURNING id
       )
       INSERT INTO delivery_attempt (notification_id, attempt, started_at, status_code, latency_ms, error)
       SELECT id, $6, $7, $4, $8, $5 FROM settled
       ON CONFLICT DO NOTHING
       RETURNING notification_id`,
      [
        delivery.id,
        next.status,
        next.status === 'pending' ? next.retryAt : null,
        outcome.statusCode,
        outcome.error,
        outcome.attempt,
        outcome.startedAt,
        outcome.latencyMs,
        delivery.attempts,
      ],
    );
    return rows.length > 0;
  }

  /**
   * Holds back the endpoint's other queued deliveries until `until`: an endpoint that is failing
   * gets no attempt before its next retry, so its backlog cannot take every dispatcher slot from the
   * endpoints that answer.
   */
  async holdEndpoint(subscriptionId: string, until: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE notification SET next_attempt_at = $2
       WHERE subscription_id = $1 AND status = 'pending' AND next_attempt_at < $2`,
      [subscriptionId, until],
    );
  }

  /** Ends a delivery without an attempt (its webhook was removed or disabled meanwhile). */
  async abandon(delivery: Pick<ClaimedDelivery, 'id' | 'attempts'>, reason: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE notification SET status = 'failed', next_attempt_at = NULL, lease_until = NULL, last_error = $2
       WHERE id = $1 AND status = 'delivering' AND attempts = $3`,
      [delivery.id, reason, delivery.attempts],
    );
  }

  async list(
    subscriptionId: string,
    status: DeliveryStatus | undefined,
    limit: number,
    offset: number,
  ): Promise<{ total: number; items: NotificationRow[] }> {
    const [{ total }]: Array<{ total: number }> = await this.dataSource.query(
      'SELECT COUNT(*)::int AS total FROM notification WHERE subscription_id = $1 AND ($2::text IS NULL OR status = $2)',
      [subscriptionId, status ?? null],
    );
    const items: NotificationRow[] = await this.dataSource.query(
      `SELECT ${NOTIFICATION_COLUMNS} FROM notification
       WHERE subscription_id = $1 AND ($2::text IS NULL OR status = $2)
       ORDER BY created_at DESC, id LIMIT $3 OFFSET $4`,
      [subscriptionId, status ?? null, limit, offset],
    );
    return { total, items };
  }

  /** A notification the principal may see, with its attempts. */
  async find(
    principal: Principal,
    id: string,
  ): Promise<{ notification: NotificationRow; attempts: DeliveryAttemptRow[] } | null> {
    const rows: NotificationRow[] = await this.dataSource.query(
      `SELECT ${NOTIFICATION_FIELDS.map((field) => `n.${field}`).join(', ')}
       FROM notification n JOIN subscription s ON s.id = n.subscription_id
       WHERE n.id = $1 AND ($2::uuid IS NULL OR s.subscriber_id = $2)`,
      [id, ownerOf(principal)],
    );
    if (!rows[0]) return null;
    const attempts: DeliveryAttemptRow[] = await this.dataSource.query(
      `SELECT attempt, started_at, status_code, latency_ms, error FROM delivery_attempt
       WHERE notification_id = $1 ORDER BY attempt`,
      [id],
    );
    return { notification: rows[0], attempts };
  }

  /**
   * Puts a delivery back in the queue now with a fresh schedule, unless it is under way or its
   * subscription has no active webhook. Returns whether it was requeued.
   */
  async requeue(id: string): Promise<boolean> {
    const [, count]: [unknown[], number] = await this.dataSource.query(
      `UPDATE notification n SET status = 'pending', next_attempt_at = now(), cycle_attempts = 0, lease_until = NULL
       FROM subscription s
       WHERE n.id = $1 AND s.id = n.subscription_id AND s.webhook_status = 'active' AND n.status <> 'delivering'`,
      [id],
    );
    return count > 0;
  }

  /**
   * The messages of a subscription recorded from `graceMs` before notification `after` on (oldest
   * first), `after` itself excluded; null when `after` is not one of its notifications. The grace
   * covers transactions that committed after `after` although they took their time before it.
   */
  async messagesSince(
    subscriptionId: string,
    after: string,
    graceMs: number,
    limit: number,
  ): Promise<NotificationMessage[] | null> {
    const known: unknown[] = await this.dataSource.query(
      'SELECT 1 FROM notification WHERE id = $1 AND subscription_id = $2',
      [after, subscriptionId],
    );
    if (known.length === 0) return null;
    const rows: Array<{ message: NotificationMessage }> = await this.dataSource.query(
      `SELECT message FROM notification
       WHERE subscription_id = $1 AND id <> $2
         AND created_at >= (SELECT created_at FROM notification WHERE id = $2)
                           - make_interval(secs => $3::double precision / 1000)
       ORDER BY created_at, id LIMIT $4`,
      [subscriptionId, after, graceMs, limit],
    );
    return rows.map((row) => row.message);
  }

  /** Facts matching `sinceReceived` onwards (oldest first), a page at a time, for a backfill. */
  async factsSince(since: string, afterId: string | null, limit: number): Promise<FeedFactRow[]> {
    return this.dataSource.query(
      `SELECT event_id, kind, revision, gazette_id, document_id, region, payload, correlation_id, received_at, updated_at
       FROM notification_event
       WHERE received_at >= $1::date AND ($2::text IS NULL OR event_id > $2)
       ORDER BY event_id LIMIT $3`,
      [since, afterId, limit],
    );
  }

  /** The latest facts a subscription was notified of, one entry per fact, newest first. */
  async subscriptionFeed(subscriptionId: string, limit: number): Promise<FeedFactRow[]> {
    return this.dataSource.query(
      `SELECT e.event_id, e.kind, e.revision, e.gazette_id, e.document_id, e.region, e.payload, e.correlation_id,
              e.received_at, e.updated_at
       FROM notification_event e
       WHERE e.event_id IN (SELECT fact_id FROM notification WHERE subscription_id = $1)
       ORDER BY e.updated_at DESC, e.event_id LIMIT $2`,
      [subscriptionId, limit],
    );
  }

  /** The latest facts of one kind in one region, newest first. */
  async regionFeed(kind: NotificationKind, region: string, limit: number): Promise<FeedFactRow[]> {
    return this.dataSource.query(
      `SELECT event_id, kind, revision, gazette_id, document_id, region, payload, correlation_id, received_at, updated_at
       FROM notification_event WHERE kind = $1 AND region = $2
       ORDER BY updated_at DESC, event_id LIMIT $3`,
      [kind, region, limit],
    );
  }
}
