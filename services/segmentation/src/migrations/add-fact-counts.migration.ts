import type { MigrationInterface, QueryRunner } from 'typeorm';

/** How many appointments and regulations each parse found, so the progress view knows what to wait for. */
export class AddFactCounts1764100000000 implements MigrationInterface {
  name = 'AddFactCounts1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE gazette_issue
      ADD COLUMN appointment_count integer NOT NULL DEFAULT 0,
      ADD COLUMN regulation_count integer NOT NULL DEFAULT 0`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE gazette_issue DROP COLUMN appointment_count, DROP COLUMN regulation_count`);
  }
}
