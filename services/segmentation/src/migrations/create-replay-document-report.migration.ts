import type { MigrationInterface, QueryRunner } from 'typeorm';

/** `replay_document_report`: per (replay run, gazette), the documents a re-parse added, removed and changed. */
export class CreateReplayDocumentReport1764300000000 implements MigrationInterface {
  name = 'CreateReplayDocumentReport1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE replay_document_report (
        run_id text NOT NULL,
        gazette_id text NOT NULL,
        document_count integer NOT NULL CHECK (document_count >= 0),
        added jsonb NOT NULL,
        removed jsonb NOT NULL,
        changed jsonb NOT NULL,
        pipeline_version text NOT NULL,
        reported_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (run_id, gazette_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE replay_document_report');
  }
}
