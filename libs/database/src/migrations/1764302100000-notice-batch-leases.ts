import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notice senders lease whole batches instead of every recipient row: one row per SMTP batch carries
 * the lease, the attempt count and the batch's address range, so claiming 100 recipients writes
 * one row, not a hundred, and the recipients are read through the primary key.
 */
export class NoticeBatchLeases1764302100000 implements MigrationInterface {
  name = 'NoticeBatchLeases1764302100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "notice_batch" (
        "notice_id" uuid NOT NULL CONSTRAINT "notice_batch_notice_id_fkey" REFERENCES "notice" ("id"),
        "language" varchar(2) NOT NULL,
        "batch_no" integer NOT NULL,
        "first_recipient" varchar(254) COLLATE "C" NOT NULL,
        "last_recipient" varchar(254) COLLATE "C" NOT NULL,
        "done" boolean NOT NULL DEFAULT false,
        "attempts" smallint NOT NULL DEFAULT 0,
        "lease_until" timestamptz,
        "revision" integer NOT NULL DEFAULT 0,
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "notice_batch_pkey" PRIMARY KEY ("notice_id", "language", "batch_no")
      )`);
    await queryRunner.query(`
      INSERT INTO "notice_batch" ("notice_id", "language", "batch_no", "first_recipient", "last_recipient", "done",
                                  "attempts", "lease_until", "updated_at")
      SELECT "notice_id", "language", "batch_no", min("recipient"), max("recipient"), bool_and("status" <> 'pending'),
             max("attempts"), max("lease_until"), max("updated_at")
        FROM "notice_delivery" GROUP BY 1, 2, 3`);
    await queryRunner.query(`ALTER TABLE "notice_delivery" DROP COLUMN "attempts", DROP COLUMN "lease_until"`);
    // A batch is found through the primary key now (its first and last address), so 100,000
    // recipients no longer maintain a second index while the notice is written.
    await queryRunner.query(`DROP INDEX "notice_delivery_batch_idx"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "notice_delivery_batch_idx" ON "notice_delivery" ("notice_id", "language", "batch_no")`,
    );
    await queryRunner.query(
      `ALTER TABLE "notice_delivery" ADD COLUMN "attempts" smallint NOT NULL DEFAULT 0, ADD COLUMN "lease_until" timestamptz`,
    );
    await queryRunner.query(`
      UPDATE "notice_delivery" d SET "attempts" = b."attempts", "lease_until" = b."lease_until"
        FROM "notice_batch" b
       WHERE b."notice_id" = d."notice_id" AND b."language" = d."language" AND b."batch_no" = d."batch_no"`);
    await queryRunner.query(`DROP TABLE "notice_batch"`);
  }
}
