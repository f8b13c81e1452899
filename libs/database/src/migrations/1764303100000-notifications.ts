import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What staff are told about their tickets: a customer replied, a ticket was assigned to them. One
 * row per person and event, read in the desk's list (unread until `read_at`); the e-mail copy
 * is a mail outbox row written in the same transaction.
 */
export class Notifications1764303100000 implements MigrationInterface {
  name = 'Notifications1764303100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "notification" (
         "id" uuid PRIMARY KEY,
         "user_id" uuid NOT NULL CONSTRAINT "notification_user_id_fkey" REFERENCES "app_user" ("id") ON DELETE CASCADE,
         "kind" varchar(30) NOT NULL CONSTRAINT "notification_kind_check" CHECK ("kind" IN ('customer-reply', 'assigned')),
         "ticket_id" uuid NOT NULL CONSTRAINT "notification_ticket_id_fkey" REFERENCES "ticket" ("id"),
         "data" jsonb NOT NULL DEFAULT '{}',
         "created_at" timestamptz NOT NULL,
         "read_at" timestamptz
       )`,
    );
    await queryRunner.query(
      `CREATE INDEX "notification_user_idx" ON "notification" ("user_id", "created_at" DESC, "id" DESC)`,
    );
    await queryRunner.query(
      `CREATE INDEX "notification_unread_idx" ON "notification" ("user_id") WHERE "read_at" IS NULL`,
    );
    // The kinds a person wants no e-mail for (the list in the desk keeps them all). No row: every e-mail.
    await queryRunner.query(
      `CREATE TABLE "notification_setting" (
         "user_id" uuid PRIMARY KEY CONSTRAINT "notification_setting_user_id_fkey" REFERENCES "app_user" ("id") ON DELETE CASCADE,
         "mail_off" text[] NOT NULL DEFAULT '{}'
       )`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "notification_setting"`);
    await queryRunner.query(`DROP TABLE "notification"`);
  }
}
