import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A PBX import's coverage (the first and last event instant it delivered), its skipped lines
 * grouped by reason, and live feeds (imports of lines as they arrive, possibly with no user): while a
 * feed is connected its `live_until` keeps up with the clock, since a quiet log is still a log. Presence from the PBX holds only up to the latest coverage: an agent who never
 * logged off in an old file is not "available" today.
 */
export class PbxCoverage1764302300000 implements MigrationInterface {
  name = 'PbxCoverage1764302300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE "telephony_import"
        ADD COLUMN "coverage_from" timestamptz,
        ADD COLUMN "coverage_to" timestamptz,
        ADD COLUMN "skipped_by_reason" jsonb NOT NULL DEFAULT '[]',
        ADD COLUMN "live" boolean NOT NULL DEFAULT false,
        ADD COLUMN "live_until" timestamptz`);
    // A live feed sent with the PBX token has no user behind it.
    await queryRunner.query(`ALTER TABLE "telephony_import" ALTER COLUMN "created_by" DROP NOT NULL`);
    // Imports done before this migration: their calls' times are the best account of what they covered.
    await queryRunner.query(`
      UPDATE "telephony_import" i SET "coverage_from" = c.first, "coverage_to" = c.last
        FROM (SELECT import_id, min(entered_at) AS first, max(GREATEST(entered_at, answered_at, ended_at)) AS last
                FROM "telephony_call" WHERE import_id IS NOT NULL GROUP BY import_id) c
       WHERE c.import_id = i.id`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Feeds sent with the PBX token are kept, credited to the first admin.
    await queryRunner.query(`
      UPDATE "telephony_import" SET "created_by" =
        (SELECT "id" FROM "app_user" WHERE "role" = 'admin' ORDER BY "created_at" LIMIT 1)
       WHERE "created_by" IS NULL`);
    await queryRunner.query(`ALTER TABLE "telephony_import" ALTER COLUMN "created_by" SET NOT NULL`);
    await queryRunner.query(`
      ALTER TABLE "telephony_import"
        DROP COLUMN "live_until", DROP COLUMN "live", DROP COLUMN "skipped_by_reason", DROP COLUMN "coverage_to", DROP COLUMN "coverage_from"`);
  }
}
