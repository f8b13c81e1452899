import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Single-use links that let a person set their own password: a password reset (asked for by
 * e-mail address) and an invitation (sent by an admin or manager). Only the link token's hash is
 * stored; a link works once (`used_at`) and until `expires_at`. An invited user has no password
 * until they follow the link, so `password_hash` may be empty (no password signs such a user in).
 */
export class AccountLinks1764303000000 implements MigrationInterface {
  name = 'AccountLinks1764303000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "app_user" ALTER COLUMN "password_hash" DROP NOT NULL`);
    await queryRunner.query(
      `CREATE TABLE "account_link" (
         "token_hash" char(64) PRIMARY KEY,
         "user_id" uuid NOT NULL CONSTRAINT "account_link_user_id_fkey" REFERENCES "app_user" ("id") ON DELETE CASCADE,
         "purpose" varchar(20) NOT NULL CONSTRAINT "account_link_purpose_check" CHECK ("purpose" IN ('password-reset', 'invitation')),
         "requested_from" varchar(64),
         "created_at" timestamptz NOT NULL,
         "expires_at" timestamptz NOT NULL,
         "used_at" timestamptz
       )`,
    );
    await queryRunner.query(`CREATE INDEX "account_link_user_idx" ON "account_link" ("user_id", "created_at")`);
    await queryRunner.query(
      `CREATE INDEX "account_link_address_idx" ON "account_link" ("requested_from", "created_at") WHERE "requested_from" IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "account_link"`);
    await queryRunner.query(`UPDATE "app_user" SET "password_hash" = '' WHERE "password_hash" IS NULL`);
    await queryRunner.query(`ALTER TABLE "app_user" ALTER COLUMN "password_hash" SET NOT NULL`);
  }
}
