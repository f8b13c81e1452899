import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Canned replies of one's own beside the shared ones: `owner_id` set is a personal reply (only its
 * owner sees and edits it), null a shared one (managers keep those). Edits are kept (`updated_at`).
 */
export class PersonalCannedReplies1764303300000 implements MigrationInterface {
  name = 'PersonalCannedReplies1764303300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "canned_reply"
         ADD COLUMN "owner_id" uuid CONSTRAINT "canned_reply_owner_id_fkey" REFERENCES "app_user" ("id") ON DELETE CASCADE,
         ADD COLUMN "updated_at" timestamptz NOT NULL DEFAULT now()`,
    );
    await queryRunner.query(`CREATE INDEX "canned_reply_owner_idx" ON "canned_reply" ("owner_id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "canned_reply_owner_idx"`);
    await queryRunner.query(`ALTER TABLE "canned_reply" DROP COLUMN "updated_at", DROP COLUMN "owner_id"`);
  }
}
