import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The appointments schema: records, people, posts and the tenures derived from them. Tables are
 * left unqualified: the service's data source puts its schema first on the search_path.
 */
export class CreateAppointmentTables1764000000000 implements MigrationInterface {
  // Explicit, so the name recorded in the migrations table survives minification or renaming.
  name = 'CreateAppointmentTables1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE appointment (
        appointment_id text PRIMARY KEY,
        document_id text NOT NULL,
        gazette_id text NOT NULL,
        region text,
        person text NOT NULL,
        action text NOT NULL CHECK (action IN ('appoint', 'remove')),
        method text NOT NULL,
        position text NOT NULL,
        organisation text,
        title text,
        post_key text,
        qualifiers jsonb NOT NULL DEFAULT '[]',
        notes jsonb NOT NULL DEFAULT '[]',
        meeting text,
        meeting_date text,
        doc_number text,
        signed_on text,
        confidence double precision NOT NULL,
        reasons jsonb NOT NULL DEFAULT '[]',
        pipeline_version text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Progress counts a gazette's rows; search filters by person and orders by date.
    await queryRunner.query('CREATE INDEX appointment_gazette_id_idx ON appointment (gazette_id)');
    // The expression search compares names by (NFKC, no whitespace), as the timeline rules do.
    await queryRunner.query(
      `CREATE INDEX appointment_person_idx ON appointment ((regexp_replace(normalize(person, NFKC), '\\s+', '', 'g')))`,
    );
    await queryRunner.query('CREATE INDEX appointment_signed_on_idx ON appointment (signed_on)');

    await queryRunner.query(`
      CREATE TABLE person (
        person_key text PRIMARY KEY,
        name text NOT NULL,
        region text,
        first_seen_on text,
        last_seen_on text
      )`);

    await queryRunner.query(`
      CREATE TABLE post (
        post_key text PRIMARY KEY,
        organisation text NOT NULL,
        organisation_full text NOT NULL,
        title text NOT NULL,
        region text
      )`);

    // No foreign keys between tenures: the rules replace a tenure's id when its start turns up,
    // and the links are rewritten in the same transaction.
    await queryRunner.query(`
      CREATE TABLE tenure (
        tenure_id text PRIMARY KEY,
        person text NOT NULL,
        post_key text NOT NULL,
        organisation text NOT NULL,
        organisation_full text NOT NULL,
        title text NOT NULL,
        start text,
        "end" text,
        status text NOT NULL CHECK (status IN ('current', 'ended', 'unknown')),
        start_document_id text,
        start_doc_number text,
        end_document_id text,
        end_doc_number text,
        predecessor_id text,
        successor_id text,
        evidence jsonb NOT NULL DEFAULT '[]',
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX tenure_post_key_idx ON tenure (post_key)');
    await queryRunner.query('CREATE INDEX tenure_person_idx ON tenure (person)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE tenure');
    await queryRunner.query('DROP TABLE post');
    await queryRunner.query('DROP TABLE person');
    await queryRunner.query('DROP TABLE appointment');
  }
}
