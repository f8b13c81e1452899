import type { MigrationInterface, QueryRunner } from 'typeorm';

/** SLA warnings and breaches join the desk's notifications (and the e-mail choices). */
export class SlaNotifications1764303500000 implements MigrationInterface {
  name = 'SlaNotifications1764303500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notification" DROP CONSTRAINT "notification_kind_check"`);
    await queryRunner.query(
      `ALTER TABLE "notification" ADD CONSTRAINT "notification_kind_check"
         CHECK ("kind" IN ('customer-reply', 'assigned', 'sla-warning', 'sla-breach'))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "notification" WHERE "kind" IN ('sla-warning', 'sla-breach')`);
    await queryRunner.query(`ALTER TABLE "notification" DROP CONSTRAINT "notification_kind_check"`);
    await queryRunner.query(
      `ALTER TABLE "notification" ADD CONSTRAINT "notification_kind_check" CHECK ("kind" IN ('customer-reply', 'assigned'))`,
    );
  }
}
