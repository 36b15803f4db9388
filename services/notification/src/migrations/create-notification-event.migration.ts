import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The `notification_event` table: one row per announced fact. */
export class CreateNotificationEvent1764000000000 implements MigrationInterface {
  // Explicit, so the name recorded in the migrations table survives minification or renaming.
  name = 'CreateNotificationEvent1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Unqualified: the data source's search_path puts the service schema first.
    await queryRunner.query(`
      CREATE TABLE notification_event (
        event_id text PRIMARY KEY,
        kind text NOT NULL CONSTRAINT notification_event_kind_check CHECK (kind IN ('appointment', 'regulation')),
        gazette_id text NOT NULL,
        document_id text NOT NULL,
        region text,
        doc_type text,
        subject text NOT NULL,
        payload jsonb NOT NULL,
        correlation_id text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
    // The progress query counts one gazette's facts.
    await queryRunner.query('CREATE INDEX notification_event_gazette_id_idx ON notification_event (gazette_id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE notification_event');
  }
}
