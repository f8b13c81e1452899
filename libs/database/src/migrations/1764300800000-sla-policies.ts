import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * SLA policies managers edit: conditions (channel, priority, category, organization) → calendar
 * and targets. The first matching policy by position applies; seeded with the published defaults.
 */
export class SlaPolicies1764300800000 implements MigrationInterface {
  name = 'SlaPolicies1764300800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "sla_policy" (
        "id" uuid PRIMARY KEY,
        "name" varchar(200) NOT NULL,
        "position" integer NOT NULL,
        "conditions" jsonb NOT NULL DEFAULT '{}',
        "calendar_id" varchar(50) NOT NULL CONSTRAINT "sla_policy_calendar_id_fkey" REFERENCES "business_calendar" ("id"),
        "first_response_ms" bigint NOT NULL,
        "resolution_ms" bigint NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "sla_policy_position_key" ON "sla_policy" ("position")`);
    await queryRunner.query(`
      INSERT INTO "sla_policy" ("id", "name", "position", "conditions", "calendar_id", "first_response_ms", "resolution_ms") VALUES
        ('5b0e6f1c-6a0e-4c61-9a54-3f1e0a3b8a01', '緊急 (urgent)', 10, '{"priority": "urgent"}', 'support-hours', 3600000, 25200000),
        ('5b0e6f1c-6a0e-4c61-9a54-3f1e0a3b8a02', '標準 (default)', 1000, '{}', 'support-hours', 14400000, 75600000)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "sla_policy"`);
  }
}
