import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each single message names the server it goes through: `standard`, or `alarm` (managers' alarms
 * about the notice promise, sent through ALERT_SMTP_URL where it is configured). Existing rows are
 * standard.
 */
export class MailAlarmRoute1764302500000 implements MigrationInterface {
  name = 'MailAlarmRoute1764302500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "mail_outbox" ADD COLUMN "route" varchar(10) NOT NULL DEFAULT 'standard'
         CONSTRAINT "mail_outbox_route_check" CHECK ("route" IN ('standard', 'alarm'))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "mail_outbox" DROP COLUMN "route"`);
  }
}
