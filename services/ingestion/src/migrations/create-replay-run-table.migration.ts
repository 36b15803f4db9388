import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The `replay_run` table of the ingestion schema (see `ReplayRunEntity`). */
export class CreateReplayRunTable1764300000000 implements MigrationInterface {
  // Explicit, so the name recorded in the migrations table survives minification or renaming.
  name = 'CreateReplayRunTable1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const table = qualifiedTable(queryRunner);
    await queryRunner.query(`
      CREATE TABLE ${table} (
        -- The run id ends message ids ("@replay:<run>"): nothing that could fake another suffix.
        run_id text PRIMARY KEY CHECK (run_id ~ '^[A-Za-z0-9_-]{1,64}$'),
        selection jsonb NOT NULL,
        dry_run boolean NOT NULL DEFAULT false,
        requested_at timestamptz NOT NULL DEFAULT now(),
        requested_by text NOT NULL,
        gazette_ids jsonb NOT NULL CHECK (jsonb_typeof(gazette_ids) = 'array'),
        status text NOT NULL CHECK (status IN ('publishing', 'published', 'failed')),
        correlation_id text NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX replay_run_requested_at_idx ON ${table} (requested_at DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE ${qualifiedTable(queryRunner)}`);
  }
}

function qualifiedTable(queryRunner: QueryRunner): string {
  const schema = queryRunner.connection.driver.schema;
  // Qualified rather than left to search_path, so the table cannot land in `public`.
  return schema ? `"${schema}"."replay_run"` : '"replay_run"';
}
