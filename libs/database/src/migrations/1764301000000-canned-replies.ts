import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Reusable reply texts agents insert into a reply and then edit. */
export class CannedReplies1764301000000 implements MigrationInterface {
  name = 'CannedReplies1764301000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "canned_reply" (
        "id" uuid PRIMARY KEY,
        "title" varchar(100) NOT NULL,
        "body" text NOT NULL,
        "created_by" uuid CONSTRAINT "canned_reply_created_by_fkey" REFERENCES "app_user" ("id"),
        "created_at" timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "canned_reply"`);
  }
}
