import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How long a ticket took in business time, written when it happens (the calendar is code, not SQL),
 * so the KPI medians and 90th percentiles are plain aggregates.
 */
export class TicketBusinessTimes1764301500000 implements MigrationInterface {
  name = 'TicketBusinessTimes1764301500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "ticket" ADD "first_response_business_seconds" integer`);
    await queryRunner.query(`ALTER TABLE "ticket" ADD "resolution_business_seconds" integer`);
    // Covering indexes: the KPI percentiles and completion counts read them alone.
    await queryRunner.query(
      `CREATE INDEX "ticket_first_responded_idx" ON "ticket" ("first_responded_at")
         INCLUDE ("first_response_business_seconds") WHERE "first_responded_at" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "ticket_solved_idx" ON "ticket" ("solved_at")
         INCLUDE ("status", "resolution_due_at", "resolution_business_seconds") WHERE "solved_at" IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ticket_solved_idx"`);
    await queryRunner.query(`DROP INDEX "ticket_first_responded_idx"`);
    await queryRunner.query(`ALTER TABLE "ticket" DROP COLUMN "resolution_business_seconds"`);
    await queryRunner.query(`ALTER TABLE "ticket" DROP COLUMN "first_response_business_seconds"`);
  }
}
