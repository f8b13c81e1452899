import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Versioned KPI definitions (a report names the version it used) and the indexes the KPI aggregates read. */
export class KpiDefinitions1764301300000 implements MigrationInterface {
  name = 'KpiDefinitions1764301300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "kpi_definition" (
        "version" integer PRIMARY KEY,
        "definition" jsonb NOT NULL,
        "note" varchar(500),
        "created_by" uuid CONSTRAINT "kpi_definition_created_by_fkey" REFERENCES "app_user" ("id"),
        "created_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `INSERT INTO "kpi_definition" ("version", "definition", "note") VALUES (1, $1, 'Defaults of DESIGN.md')`,
      [
        JSON.stringify({
          calendarId: 'support-hours',
          answerTargetSeconds: 30,
          shortAbandonSeconds: 0,
          abandonedOutcomes: ['abandoned'],
          targets: {
            supportOperatingRate: 0.95,
            abandonmentRate: 0.05,
            responseTimeComplianceRate: 0.9,
            completionWithinStandardTimeRate: 0.9,
            serviceLevel: 0.8,
          },
        }),
      ],
    );
    // Covering: the response-time aggregate reads the index alone.
    await queryRunner.query(
      `CREATE INDEX "ticket_first_response_due_idx" ON "ticket" ("first_response_due_at") INCLUDE ("channel", "first_responded_at")`,
    );
    await queryRunner.query(`CREATE INDEX "sla_alert_due_idx" ON "sla_alert" ("kind", "due_at")`);
    await queryRunner.query(`CREATE INDEX "ticket_event_occurred_idx" ON "ticket_event" ("occurred_at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ticket_event_occurred_idx"`);
    await queryRunner.query(`DROP INDEX "sla_alert_due_idx"`);
    await queryRunner.query(`DROP INDEX "ticket_first_response_due_idx"`);
    await queryRunner.query(`DROP TABLE "kpi_definition"`);
  }
}
