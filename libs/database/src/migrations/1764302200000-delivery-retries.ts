import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Mail is owned by its row until a server accepted it: notice batches and single messages carry
 * their retry schedule (`next_attempt_at`, counted from `retry_started_at` for the give-up window)
 * and when a job was last queued for them (`queued_at`), so a job lost with Redis is queued again;
 * a message that outlives the window is `gave_up` (not `failed`, which means refused for good).
 */
export class DeliveryRetries1764302200000 implements MigrationInterface {
  name = 'DeliveryRetries1764302200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE "notice_batch"
        ADD COLUMN "next_attempt_at" timestamptz NOT NULL DEFAULT now(),
        ADD COLUMN "queued_at" timestamptz,
        ADD COLUMN "retry_started_at" timestamptz NOT NULL DEFAULT now()`);
    // A batch's queued_at says whether it has a job; the notice-wide mark is no longer read.
    await queryRunner.query(`DROP INDEX "notice_unrelayed_idx"`);
    await queryRunner.query(`ALTER TABLE "notice" DROP COLUMN "relayed_at"`);
    await queryRunner.query(`ALTER TABLE "notice_delivery" DROP CONSTRAINT "notice_delivery_status_check"`);
    await queryRunner.query(
      `ALTER TABLE "notice_delivery" ADD CONSTRAINT "notice_delivery_status_check" CHECK ("status" IN ('pending', 'sent', 'failed', 'gave_up'))`,
    );
    await queryRunner.query(
      `UPDATE "notice_delivery" SET "status" = 'gave_up' WHERE "status" = 'failed' AND "response" LIKE 'gave up%'`,
    );

    await queryRunner.query(`
      ALTER TABLE "mail_outbox"
        ADD COLUMN "status" varchar(10) NOT NULL DEFAULT 'pending'
          CONSTRAINT "mail_outbox_status_check" CHECK ("status" IN ('pending', 'sent', 'failed', 'gave_up')),
        ADD COLUMN "attempts" integer NOT NULL DEFAULT 0,
        ADD COLUMN "next_attempt_at" timestamptz NOT NULL DEFAULT now(),
        ADD COLUMN "queued_at" timestamptz,
        ADD COLUMN "lease_until" timestamptz,
        ADD COLUMN "sent_at" timestamptz,
        ADD COLUMN "last_response" text`);
    // Rows already handed to the queue are taken as delivered: sending old acknowledgements again
    // would be worse than the loss this migration ends.
    await queryRunner.query(
      `UPDATE "mail_outbox" SET "status" = 'sent', "sent_at" = "relayed_at" WHERE "relayed_at" IS NOT NULL`,
    );
    await queryRunner.query(`DROP INDEX "mail_outbox_unrelayed_idx"`);
    await queryRunner.query(`ALTER TABLE "mail_outbox" DROP COLUMN "relayed_at"`);
    await queryRunner.query(
      `CREATE INDEX "mail_outbox_pending_idx" ON "mail_outbox" ("next_attempt_at") WHERE "status" = 'pending'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "mail_outbox_pending_idx"`);
    await queryRunner.query(`ALTER TABLE "mail_outbox" ADD COLUMN "relayed_at" timestamptz`);
    await queryRunner.query(
      `UPDATE "mail_outbox" SET "relayed_at" = coalesce("sent_at", now()) WHERE "status" <> 'pending'`,
    );
    await queryRunner.query(`
      ALTER TABLE "mail_outbox" DROP COLUMN "status", DROP COLUMN "attempts", DROP COLUMN "next_attempt_at",
        DROP COLUMN "queued_at", DROP COLUMN "lease_until", DROP COLUMN "sent_at", DROP COLUMN "last_response"`);
    await queryRunner.query(
      `CREATE INDEX "mail_outbox_unrelayed_idx" ON "mail_outbox" ("created_at") WHERE "relayed_at" IS NULL`,
    );
    await queryRunner.query(`UPDATE "notice_delivery" SET "status" = 'failed' WHERE "status" = 'gave_up'`);
    await queryRunner.query(`ALTER TABLE "notice_delivery" DROP CONSTRAINT "notice_delivery_status_check"`);
    await queryRunner.query(
      `ALTER TABLE "notice_delivery" ADD CONSTRAINT "notice_delivery_status_check" CHECK ("status" IN ('pending', 'sent', 'failed'))`,
    );
    await queryRunner.query(`ALTER TABLE "notice" ADD COLUMN "relayed_at" timestamptz`);
    await queryRunner.query(`UPDATE "notice" SET "relayed_at" = "created_at"`);
    await queryRunner.query(
      `CREATE INDEX "notice_unrelayed_idx" ON "notice" ("created_at") WHERE "relayed_at" IS NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "notice_batch" DROP COLUMN "next_attempt_at", DROP COLUMN "queued_at", DROP COLUMN "retry_started_at"`,
    );
  }
}
