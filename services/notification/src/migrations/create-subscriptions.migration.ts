import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Subscribers, their subscriptions, one notification per (subscription, fact revision) with its
 * webhook delivery state, and the delivery log. Facts gain a revision and a content digest so a
 * later run that changes a fact notifies it once as an update.
 */
export class CreateSubscriptions1764100000000 implements MigrationInterface {
  name = 'CreateSubscriptions1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE notification_event
        ADD COLUMN revision integer NOT NULL DEFAULT 1,
        ADD COLUMN digest text,
        ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now()`);
    await queryRunner.query('UPDATE notification_event SET updated_at = received_at');
    // The public feeds list a region's facts of one kind, newest first.
    await queryRunner.query(
      'CREATE INDEX notification_event_feed_idx ON notification_event (kind, region, updated_at DESC)',
    );
    await queryRunner.query('CREATE INDEX notification_event_received_at_idx ON notification_event (received_at)');

    await queryRunner.query(`
      CREATE TABLE subscriber (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        key_digest text NOT NULL CONSTRAINT subscriber_key_digest_key UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE subscription (
        id uuid PRIMARY KEY,
        subscriber_id uuid NOT NULL REFERENCES subscriber (id) ON DELETE CASCADE,
        name text NOT NULL,
        filter jsonb NOT NULL,
        webhook_url text,
        webhook_status text CONSTRAINT subscription_webhook_status_check
          CHECK (webhook_status IN ('active', 'disabled')),
        webhook_disabled_reason text,
        webhook_disabled_at timestamptz,
        webhook_failing_since timestamptz,
        secret text,
        previous_secret text,
        previous_secret_until timestamptz,
        backfill_since date,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT subscription_webhook_check CHECK ((webhook_url IS NULL) = (webhook_status IS NULL))
      )`);
    await queryRunner.query('CREATE INDEX subscription_subscriber_id_idx ON subscription (subscriber_id)');

    await queryRunner.query(`
      CREATE TABLE notification (
        id uuid PRIMARY KEY,
        subscription_id uuid NOT NULL REFERENCES subscription (id) ON DELETE CASCADE,
        fact_id text NOT NULL REFERENCES notification_event (event_id),
        revision integer NOT NULL,
        action text NOT NULL CONSTRAINT notification_action_check CHECK (action IN ('created', 'updated')),
        kind text NOT NULL,
        message jsonb NOT NULL,
        correlation_id text NOT NULL,
        status text NOT NULL CONSTRAINT notification_status_check
          CHECK (status IN ('pending', 'delivering', 'succeeded', 'failed', 'none')),
        attempts integer NOT NULL DEFAULT 0,
        cycle_attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz,
        lease_until timestamptz,
        last_status_code integer,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz,
        CONSTRAINT notification_once_key UNIQUE (subscription_id, fact_id, revision)
      )`);
    // The dispatcher's claim: due pending rows and expired leases.
    await queryRunner.query(
      `CREATE INDEX notification_due_idx ON notification (next_attempt_at) WHERE status IN ('pending', 'delivering')`,
    );
    await queryRunner.query(
      'CREATE INDEX notification_subscription_idx ON notification (subscription_id, created_at DESC)',
    );
    await queryRunner.query('CREATE INDEX notification_fact_idx ON notification (fact_id)');

    await queryRunner.query(`
      CREATE TABLE delivery_attempt (
        notification_id uuid NOT NULL REFERENCES notification (id) ON DELETE CASCADE,
        attempt integer NOT NULL,
        started_at timestamptz NOT NULL,
        status_code integer,
        latency_ms integer NOT NULL,
        error text,
        PRIMARY KEY (notification_id, attempt)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE delivery_attempt');
    await queryRunner.query('DROP TABLE notification');
    await queryRunner.query('DROP TABLE subscription');
    await queryRunner.query('DROP TABLE subscriber');
    await queryRunner.query('DROP INDEX notification_event_received_at_idx');
    await queryRunner.query('DROP INDEX notification_event_feed_idx');
    await queryRunner.query(
      'ALTER TABLE notification_event DROP COLUMN updated_at, DROP COLUMN digest, DROP COLUMN revision',
    );
  }
}
