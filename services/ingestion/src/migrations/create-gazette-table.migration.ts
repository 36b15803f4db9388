import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The `gazette` table of the ingestion schema (see `GazetteEntity`). */
export class CreateGazetteTable1763990000000 implements MigrationInterface {
  // Explicit, so the name recorded in the migrations table survives minification or renaming.
  name = 'CreateGazetteTable1763990000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const table = qualifiedTable(queryRunner);
    await queryRunner.query(`
      CREATE TABLE ${table} (
        gazette_id char(64) PRIMARY KEY CHECK (gazette_id ~ '^[0-9a-f]{64}$'),
        bytes bytea NOT NULL,
        file_name text NOT NULL CHECK (file_name <> ''),
        media_type text NOT NULL,
        -- Kept beside the bytes so listings need not read them; the check keeps the two honest.
        byte_length integer NOT NULL CHECK (byte_length > 0 AND byte_length = octet_length(bytes)),
        encoding text NOT NULL,
        region text,
        url text,
        published_on date,
        correlation_id text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
    // The listing shows the newest first.
    await queryRunner.query(`CREATE INDEX gazette_received_at_idx ON ${table} (received_at DESC, gazette_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE ${qualifiedTable(queryRunner)}`);
  }
}

function qualifiedTable(queryRunner: QueryRunner): string {
  const schema = queryRunner.connection.driver.schema;
  // Qualified rather than left to search_path, so the table cannot land in `public`.
  return schema ? `"${schema}"."gazette"` : '"gazette"';
}
