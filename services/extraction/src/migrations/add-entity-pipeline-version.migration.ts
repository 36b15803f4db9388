import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The pipeline version on each entity row too, so that every stored row names the version that
 * wrote it (a replay rewrites a document's rows). Rows older than the column keep a null version.
 */
export class AddEntityPipelineVersion1764300000000 implements MigrationInterface {
  name = 'AddEntityPipelineVersion1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE entity ADD COLUMN pipeline_version text');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE entity DROP COLUMN pipeline_version');
  }
}
