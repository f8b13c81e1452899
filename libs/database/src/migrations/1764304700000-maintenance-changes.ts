import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An announced window may be moved or its text changed: when it last was, so the .ics mailed with
 * the change and the calendar feed carry the same, higher SEQUENCE (RFC 5545) and calendar apps
 * replace their copy of the event.
 */
export class MaintenanceChanges1764304700000 implements MigrationInterface {
  name = 'MaintenanceChanges1764304700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "maintenance" ADD "changed_at" TIMESTAMP WITH TIME ZONE`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "maintenance" DROP COLUMN "changed_at"`);
  }
}
