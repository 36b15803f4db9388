import type { MigrationInterface, QueryRunner } from 'typeorm';

/** `gazette_issue` and `document`, with the indexes behind `documents.search` and `segmentation.progress`. */
export class CreateSegmentationTables1764000000000 implements MigrationInterface {
  // Explicit, so the name recorded in the migrations table survives minification or renaming.
  name = 'CreateSegmentationTables1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const schema = schemaOf(queryRunner);
    await queryRunner.query(`
      CREATE TABLE ${schema}.gazette_issue (
        gazette_id text PRIMARY KEY,
        publisher text,
        region text,
        year integer,
        issue text,
        total_issue integer,
        published_on text,
        toc jsonb NOT NULL,
        toc_check jsonb NOT NULL,
        warnings jsonb NOT NULL,
        document_count integer NOT NULL,
        pipeline_version text NOT NULL,
        segmented_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE ${schema}.document (
        document_id text PRIMARY KEY,
        gazette_id text NOT NULL REFERENCES ${schema}.gazette_issue (gazette_id) ON DELETE CASCADE,
        "index" integer NOT NULL,
        title text NOT NULL,
        doc_number text,
        issuers jsonb NOT NULL,
        signed_on text,
        doc_type text,
        category text NOT NULL,
        section text,
        start_line integer NOT NULL,
        end_line integer NOT NULL,
        recipients jsonb NOT NULL,
        body text NOT NULL,
        attachments jsonb NOT NULL,
        publicity text,
        text text NOT NULL,
        confidence double precision NOT NULL,
        reasons jsonb NOT NULL,
        region text,
        publisher text,
        pipeline_version text NOT NULL,
        CONSTRAINT document_gazette_index_key UNIQUE (gazette_id, "index")
      )`);
    // The search filters; each list is ordered newest first, so signed_on leads or follows.
    await queryRunner.query(`CREATE INDEX document_signed_on_idx ON ${schema}.document (signed_on DESC NULLS LAST)`);
    await queryRunner.query(
      `CREATE INDEX document_region_signed_on_idx ON ${schema}.document (region, signed_on DESC NULLS LAST)`,
    );
    await queryRunner.query(
      `CREATE INDEX document_doc_type_signed_on_idx ON ${schema}.document (doc_type, signed_on DESC NULLS LAST)`,
    );
    await queryRunner.query(
      `CREATE INDEX document_category_signed_on_idx ON ${schema}.document (category, signed_on DESC NULLS LAST)`,
    );
    // "issuer is one of issuers" is jsonb containment (issuers @> '["…"]'), which jsonb_path_ops serves.
    await queryRunner.query(
      `CREATE INDEX document_issuers_idx ON ${schema}.document USING gin (issuers jsonb_path_ops)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const schema = schemaOf(queryRunner);
    await queryRunner.query(`DROP TABLE ${schema}.document`);
    await queryRunner.query(`DROP TABLE ${schema}.gazette_issue`);
  }
}

function schemaOf(queryRunner: QueryRunner): string {
  const schema = queryRunner.connection.driver.schema;
  if (!schema) throw new Error('the segmentation migrations need a data source bound to a schema');
  return `"${schema}"`;
}
