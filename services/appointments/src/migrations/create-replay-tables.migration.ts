import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What replay runs changed (`replay_appointment_change`) and which documents each run brought
 * here (`replay_document_seen`), for `replay.appointments-report`; and the pipeline version on the
 * rows that lacked it (people, posts, tenures), so that every stored row names the version that
 * last wrote it. Rows written before this migration keep a null version.
 */
export class CreateReplayTables1764300000000 implements MigrationInterface {
  name = 'CreateReplayTables1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE replay_appointment_change (
        run_id text NOT NULL,
        appointment_id text NOT NULL,
        gazette_id text NOT NULL,
        document_id text NOT NULL,
        change text NOT NULL CHECK (change IN ('added', 'removed', 'changed')),
        person text NOT NULL,
        action text NOT NULL,
        position text NOT NULL,
        pipeline_version text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        -- One change per appointment and run: an appointment id names one document's record.
        PRIMARY KEY (run_id, appointment_id)
      )`);
    await queryRunner.query(
      'CREATE INDEX replay_appointment_change_gazette_idx ON replay_appointment_change (run_id, gazette_id)',
    );
    await queryRunner.query(`
      CREATE TABLE replay_document_seen (
        run_id text NOT NULL,
        document_id text NOT NULL,
        gazette_id text NOT NULL,
        pipeline_version text NOT NULL,
        seen_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (run_id, document_id)
      )`);
    await queryRunner.query(
      'CREATE INDEX replay_document_seen_gazette_idx ON replay_document_seen (run_id, gazette_id)',
    );
    for (const table of ['person', 'post', 'tenure']) {
      await queryRunner.query(`ALTER TABLE ${table} ADD COLUMN pipeline_version text`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['person', 'post', 'tenure']) {
      await queryRunner.query(`ALTER TABLE ${table} DROP COLUMN pipeline_version`);
    }
    await queryRunner.query('DROP TABLE replay_document_seen');
    await queryRunner.query('DROP TABLE replay_appointment_change');
  }
}
