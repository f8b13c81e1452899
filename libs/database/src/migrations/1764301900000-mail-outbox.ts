import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Single messages written in the transaction that causes them (an acknowledgement), relayed to the mail queue after it. */
export class MailOutbox1764301900000 implements MigrationInterface {
  name = 'MailOutbox1764301900000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "mail_outbox" (
        "dedup_key" varchar(200) PRIMARY KEY,
        "message" jsonb NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "relayed_at" timestamptz
      )`);
    await queryRunner.query(
      `CREATE INDEX "mail_outbox_unrelayed_idx" ON "mail_outbox" ("created_at") WHERE "relayed_at" IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "mail_outbox"`);
  }
}
