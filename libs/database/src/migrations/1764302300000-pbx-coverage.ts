import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A PBX import's coverage (the first and last event instant it delivered) and its skipped lines
 * grouped by reason. Presence from the PBX holds only up to the latest coverage: an agent who never
 * logged off in an old file is not "available" today.
 */
export class PbxCoverage1764302300000 implements MigrationInterface {
  name = 'PbxCoverage1764302300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE "telephony_import"
        ADD COLUMN "coverage_from" timestamptz,
        ADD COLUMN "coverage_to" timestamptz,
        ADD COLUMN "skipped_by_reason" jsonb NOT NULL DEFAULT '[]'`);
    // Imports done before this migration: their calls' times are the best account of what they covered.
    await queryRunner.query(`
      UPDATE "telephony_import" i SET "coverage_from" = c.first, "coverage_to" = c.last
        FROM (SELECT import_id, min(entered_at) AS first, max(GREATEST(entered_at, answered_at, ended_at)) AS last
                FROM "telephony_call" WHERE import_id IS NOT NULL GROUP BY import_id) c
       WHERE c.import_id = i.id`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE "telephony_import"
        DROP COLUMN "skipped_by_reason", DROP COLUMN "coverage_to", DROP COLUMN "coverage_from"`);
  }
}
