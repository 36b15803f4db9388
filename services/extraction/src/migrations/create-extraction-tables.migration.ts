import type { MigrationInterface, QueryRunner } from 'typeorm';

/** `document_entities` and its per-mention index `entity`. */
export class CreateExtractionTables1764000000000 implements MigrationInterface {
  // Explicit, so the name recorded in the migrations table survives minification or renaming.
  name = 'CreateExtractionTables1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const schema = schemaOf(queryRunner);
    await queryRunner.query(`
      CREATE TABLE ${schema}.document_entities (
        document_id text PRIMARY KEY,
        gazette_id text NOT NULL,
        category text NOT NULL,
        region text,
        entities jsonb NOT NULL,
        regulation jsonb,
        pipeline_version text NOT NULL,
        extracted_at timestamptz NOT NULL
      )`);
    // extraction.progress counts a gazette's documents.
    await queryRunner.query(
      `CREATE INDEX document_entities_gazette_id_idx ON ${schema}.document_entities (gazette_id)`,
    );
    await queryRunner.query(`
      CREATE TABLE ${schema}.entity (
        document_id text NOT NULL REFERENCES ${schema}.document_entities (document_id) ON DELETE CASCADE,
        ordinal integer NOT NULL,
        type text NOT NULL,
        text text NOT NULL,
        start integer NOT NULL,
        "end" integer NOT NULL,
        value text,
        unit text,
        doc_number text,
        PRIMARY KEY (document_id, ordinal)
      )`);
    // "Which documents name this organisation / cite this doc number": by type, then value.
    await queryRunner.query(`CREATE INDEX entity_type_value_idx ON ${schema}.entity (type, value)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const schema = schemaOf(queryRunner);
    await queryRunner.query(`DROP TABLE ${schema}.entity`);
    await queryRunner.query(`DROP TABLE ${schema}.document_entities`);
  }
}

function schemaOf(queryRunner: QueryRunner): string {
  const schema = queryRunner.connection.driver.schema;
  if (!schema) throw new Error('the extraction migrations need a data source bound to a schema');
  return `"${schema}"`;
}
