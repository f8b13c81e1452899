import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A single message given up can be sent again: its retry window then starts at the resend
 * (`retry_started_at`), not at its creation, which stays what it was. Null: the window started
 * when the message was written.
 */
export class MailResend1764302400000 implements MigrationInterface {
  name = 'MailResend1764302400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "mail_outbox" ADD COLUMN "retry_started_at" timestamptz`);
    await queryRunner.query(
      `CREATE INDEX "mail_outbox_gave_up_idx" ON "mail_outbox" ("created_at") WHERE "status" = 'gave_up'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "mail_outbox_gave_up_idx"`);
    await queryRunner.query(`ALTER TABLE "mail_outbox" DROP COLUMN "retry_started_at"`);
  }
}
