import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * SLA warning instants (75% of each target) on tickets, and one row per alert raised, so that a
 * warning or breach is raised exactly once per ticket and clock however often the scan runs.
 */
export class SlaAlerts1764300400000 implements MigrationInterface {
  name = 'SlaAlerts1764300400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "ticket" ADD "first_response_warn_at" timestamptz`);
    await queryRunner.query(`ALTER TABLE "ticket" ADD "resolution_warn_at" timestamptz`);
    await queryRunner.query(
      `UPDATE "ticket" SET "first_response_warn_at" = "first_response_due_at", "resolution_warn_at" = "resolution_due_at"`,
    );
    await queryRunner.query(`ALTER TABLE "ticket" ALTER COLUMN "first_response_warn_at" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "ticket" ALTER COLUMN "resolution_warn_at" SET NOT NULL`);
    await queryRunner.query(`
      CREATE TABLE "sla_alert" (
        "ticket_id" uuid NOT NULL CONSTRAINT "sla_alert_ticket_id_fkey" REFERENCES "ticket" ("id"),
        "clock" varchar(20) NOT NULL,
        "kind" varchar(10) NOT NULL,
        "due_at" timestamptz NOT NULL,
        "raised_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "sla_alert_pkey" PRIMARY KEY ("ticket_id", "clock", "kind"),
        CONSTRAINT "sla_alert_clock_check" CHECK ("clock" IN ('first-response', 'resolution')),
        CONSTRAINT "sla_alert_kind_check" CHECK ("kind" IN ('warning', 'breach'))
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "sla_alert"`);
    await queryRunner.query(`ALTER TABLE "ticket" DROP COLUMN "resolution_warn_at"`);
    await queryRunner.query(`ALTER TABLE "ticket" DROP COLUMN "first_response_warn_at"`);
  }
}
