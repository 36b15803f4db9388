import type { Principal, SubscriptionFilter } from '@gazette-watch/contracts';
import type { DataSource, EntityManager } from 'typeorm';

/** A `subscriber` row. */
export interface SubscriberRow {
  id: string;
  name: string;
  created_at: Date;
}

/** A `subscription` row, secrets included: only the service itself reads them. */
export interface SubscriptionRow {
  id: string;
  subscriber_id: string;
  name: string;
  filter: SubscriptionFilter;
  webhook_url: string | null;
  webhook_status: 'active' | 'disabled' | null;
  webhook_disabled_reason: string | null;
  webhook_disabled_at: Date | null;
  webhook_failing_since: Date | null;
  secret: string | null;
  previous_secret: string | null;
  previous_secret_until: Date | null;
  backfill_since: string | null;
  created_at: Date;
  updated_at: Date;
}

/** What matching a fact needs of every subscription. */
export interface SubscriptionFilterRow {
  id: string;
  filter: SubscriptionFilter;
  /** Changes whenever the filter may have: the key of the compiled predicate's cache. */
  updated_at: Date;
  webhook_status: 'active' | 'disabled' | null;
  webhook_disabled_reason: string | null;
}

export interface NewSubscription {
  id: string;
  subscriberId: string;
  name: string;
  filter: SubscriptionFilter;
  webhookUrl: string | null;
  secret: string | null;
  backfillSince: string | null;
}

export interface SubscriptionChanges {
  name?: string;
  filter?: SubscriptionFilter;
  /** null removes the webhook and its secrets. */
  webhook?: { url: string; secret: string | null } | null;
  enableWebhook?: boolean;
}

const SUBSCRIPTION_COLUMNS = `id, subscriber_id, name, filter, webhook_url, webhook_status, webhook_disabled_reason,
  webhook_disabled_at, webhook_failing_since, secret, previous_secret, previous_secret_until,
  to_char(backfill_since, 'YYYY-MM-DD') AS backfill_since, created_at, updated_at`;

/**
 * The `subscriber` and `subscription` tables. Every read that a subscriber makes is scoped to
 * their id here, so a forgotten check in a caller cannot leak another subscriber's rows.
 */
export class SubscriptionRepository {
  constructor(private readonly dataSource: DataSource) {}

  async createSubscriber(id: string, name: string, keyDigest: string): Promise<SubscriberRow> {
    const rows: SubscriberRow[] = await this.dataSource.query(
      'INSERT INTO subscriber (id, name, key_digest) VALUES ($1, $2, $3) RETURNING id, name, created_at',
      [id, name, keyDigest],
    );
    return rows[0];
  }

  async subscriberByKeyDigest(keyDigest: string): Promise<SubscriberRow | null> {
    const rows: SubscriberRow[] = await this.dataSource.query(
      'SELECT id, name, created_at FROM subscriber WHERE key_digest = $1',
      [keyDigest],
    );
    return rows[0] ?? null;
  }

  async subscriberExists(id: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query('SELECT 1 FROM subscriber WHERE id = $1', [id]);
    return rows.length > 0;
  }

  async listSubscribers(limit: number, offset: number): Promise<{ total: number; items: SubscriberRow[] }> {
    const [{ total }]: Array<{ total: number }> = await this.dataSource.query(
      'SELECT COUNT(*)::int AS total FROM subscriber',
    );
    const items: SubscriberRow[] = await this.dataSource.query(
      'SELECT id, name, created_at FROM subscriber ORDER BY created_at, id LIMIT $1 OFFSET $2',
      [limit, offset],
    );
    return { total, items };
  }

  async insert(
    subscription: NewSubscription,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<SubscriptionRow> {
    const rows: SubscriptionRow[] = await manager.query(
      `INSERT INTO subscription (id, subscriber_id, name, filter, webhook_url, webhook_status, secret, backfill_since)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       RETURNING ${SUBSCRIPTION_COLUMNS}`,
      [
        subscription.id,
        subscription.subscriberId,
        subscription.name,
        JSON.stringify(subscription.filter),
        subscription.webhookUrl,
        subscription.webhookUrl ? 'active' : null,
        subscription.secret,
        subscription.backfillSince,
      ],
    );
    return rows[0];
  }

  /** The subscription if it exists and the principal may see it. */
  async find(principal: Principal, id: string, manager: EntityManager = this.dataSource.manager) {
    const rows: SubscriptionRow[] = await manager.query(
      `SELECT ${SUBSCRIPTION_COLUMNS} FROM subscription WHERE id = $1 AND ($2::uuid IS NULL OR subscriber_id = $2)`,
      [id, ownerOf(principal)],
    );
    return rows[0] ?? null;
  }

  async list(
    principal: Principal,
    limit: number,
    offset: number,
  ): Promise<{ total: number; items: SubscriptionRow[] }> {
    const owner = ownerOf(principal);
    const [{ total }]: Array<{ total: number }> = await this.dataSource.query(
      'SELECT COUNT(*)::int AS total FROM subscription WHERE $1::uuid IS NULL OR subscriber_id = $1',
      [owner],
    );
    const items: SubscriptionRow[] = await this.dataSource.query(
      `SELECT ${SUBSCRIPTION_COLUMNS} FROM subscription WHERE $1::uuid IS NULL OR subscriber_id = $1
       ORDER BY created_at, id LIMIT $2 OFFSET $3`,
      [owner, limit, offset],
    );
    return { total, items };
  }

  /** Applies the changes to a subscription the principal may see; null when there is none. */
  async update(principal: Principal, id: string, changes: SubscriptionChanges): Promise<SubscriptionRow | null> {
    const sets: string[] = ['updated_at = now()'];
    const values: unknown[] = [id, ownerOf(principal)];
    const set = (column: string, value: unknown) => {
      values.push(value);
      sets.push(`${column} = $${values.length}`);
    };
    if (changes.name !== undefined) set('name', changes.name);
    if (changes.filter !== undefined) set('filter', JSON.stringify(changes.filter));
    if (changes.webhook === null) {
      // The secret stays: a webhook set again later signs with the one the subscriber holds.
      for (const column of ['webhook_url', 'webhook_status', 'webhook_disabled_reason', 'webhook_disabled_at']) {
        set(column, null);
      }
      set('webhook_failing_since', null);
    } else if (changes.webhook !== undefined) {
      set('webhook_url', changes.webhook.url);
      // A new address starts afresh; a first webhook also gets its first secret.
      sets.push("webhook_status = 'active'", 'webhook_disabled_reason = NULL', 'webhook_disabled_at = NULL');
      sets.push('webhook_failing_since = NULL');
      if (changes.webhook.secret) set('secret', changes.webhook.secret);
    }
    if (changes.enableWebhook) {
      sets.push(
        "webhook_status = CASE WHEN webhook_url IS NULL THEN NULL ELSE 'active' END",
        'webhook_disabled_reason = NULL',
        'webhook_disabled_at = NULL',
        'webhook_failing_since = NULL',
      );
    }
    const rows: [SubscriptionRow[], number] = await this.dataSource.query(
      `UPDATE subscription SET ${sets.join(', ')}
       WHERE id = $1 AND ($2::uuid IS NULL OR subscriber_id = $2)
       RETURNING ${SUBSCRIPTION_COLUMNS}`,
      values,
    );
    return rows[0][0] ?? null;
  }

  async delete(principal: Principal, id: string): Promise<boolean> {
    const result: [unknown[], number] = await this.dataSource.query(
      'DELETE FROM subscription WHERE id = $1 AND ($2::uuid IS NULL OR subscriber_id = $2) RETURNING id',
      [id, ownerOf(principal)],
    );
    return result[1] > 0;
  }

  /** Makes `secret` current; the one it replaces keeps signing until `previousUntil`. */
  async rotateSecret(principal: Principal, id: string, secret: string, previousUntil: Date) {
    const rows: [SubscriptionRow[], number] = await this.dataSource.query(
      `UPDATE subscription
       SET previous_secret = secret, previous_secret_until = $3, secret = $4, updated_at = now()
       WHERE id = $1 AND ($2::uuid IS NULL OR subscriber_id = $2)
       RETURNING ${SUBSCRIPTION_COLUMNS}`,
      [id, ownerOf(principal), previousUntil, secret],
    );
    return rows[0][0] ?? null;
  }

  /** Every subscription's filter, for matching a fact inside the transaction that records it. */
  async filters(manager: EntityManager): Promise<SubscriptionFilterRow[]> {
    return manager.query('SELECT id, filter, updated_at, webhook_status, webhook_disabled_reason FROM subscription');
  }

  /**
   * Changes whenever `filters` would answer differently: a subscription added or deleted changes
   * the count, and every change to a row (filter, webhook, its state) sets its `updated_at` to now.
   */
  async filtersVersion(manager: EntityManager): Promise<string> {
    const [row]: Array<{ version: string }> = await manager.query(
      `SELECT count(*)::text || '@' || COALESCE(max(updated_at)::text, '') AS version FROM subscription`,
    );
    return row.version;
  }

  /** A success clears the run of failures. */
  async markWebhookSucceeded(id: string): Promise<void> {
    await this.dataSource.query(
      'UPDATE subscription SET webhook_failing_since = NULL WHERE id = $1 AND webhook_failing_since IS NOT NULL',
      [id],
    );
  }

  /**
   * Notes a failure (the run of failures starts now unless it had started) and disables the
   * webhook when `disableReason` is given or the run has lasted longer than `disableAfterMs`.
   * Returns the reason it was disabled, or null.
   */
  async markWebhookFailed(id: string, disableAfterMs: number, disableReason: string | null): Promise<string | null> {
    const rows: [Array<{ webhook_disabled_reason: string | null }>, number] = await this.dataSource.query(
      `UPDATE subscription SET
         webhook_failing_since = COALESCE(webhook_failing_since, now()),
         webhook_status = CASE
           WHEN $2::text IS NOT NULL THEN 'disabled'
           WHEN webhook_failing_since < now() - make_interval(secs => $3::double precision / 1000) THEN 'disabled'
           ELSE webhook_status END,
         webhook_disabled_reason = CASE
           WHEN $2::text IS NOT NULL THEN $2
           WHEN webhook_failing_since < now() - make_interval(secs => $3::double precision / 1000)
             THEN 'no successful delivery since ' || to_char(webhook_failing_since AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
           ELSE webhook_disabled_reason END,
         webhook_disabled_at = CASE
           WHEN webhook_status = 'active' AND ($2::text IS NOT NULL
             OR webhook_failing_since < now() - make_interval(secs => $3::double precision / 1000)) THEN now()
           ELSE webhook_disabled_at END,
         updated_at = CASE
           WHEN webhook_status = 'active' AND ($2::text IS NOT NULL
             OR webhook_failing_since < now() - make_interval(secs => $3::double precision / 1000)) THEN now()
           ELSE updated_at END
       WHERE id = $1 AND webhook_status IS NOT NULL
       RETURNING webhook_status, webhook_disabled_reason`,
      [id, disableReason, disableAfterMs],
    );
    const row = rows[0][0] as { webhook_status?: string; webhook_disabled_reason: string | null } | undefined;
    return row?.webhook_status === 'disabled' ? row.webhook_disabled_reason : null;
  }
}

/** The subscriber a principal is limited to; null for an admin (everything). */
export function ownerOf(principal: Principal): string | null {
  return principal.role === 'admin' ? null : principal.subscriber_id;
}
