import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The services customers use, and announced maintenance windows with the services they affect. */
export class ServicesAndMaintenance1764301600000 implements MigrationInterface {
  name = 'ServicesAndMaintenance1764301600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "service" (
        "id" uuid PRIMARY KEY,
        "name" varchar(100) NOT NULL,
        "status" varchar(20) NOT NULL DEFAULT 'operational',
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "service_status_check"
          CHECK ("status" IN ('operational', 'degraded', 'partial-outage', 'major-outage', 'under-maintenance'))
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "service_name_key" ON "service" ("name")`);
    await queryRunner.query(`
      CREATE TABLE "maintenance" (
        "id" uuid PRIMARY KEY,
        "title" varchar(200) NOT NULL,
        "kind" varchar(10) NOT NULL,
        "reason" text,
        "starts_at" timestamptz NOT NULL,
        "ends_at" timestamptz NOT NULL,
        "message_ja" text NOT NULL,
        "message_en" text,
        "published_at" timestamptz NOT NULL,
        "created_by" uuid NOT NULL CONSTRAINT "maintenance_created_by_fkey" REFERENCES "app_user" ("id"),
        CONSTRAINT "maintenance_kind_check" CHECK ("kind" IN ('planned', 'emergency')),
        CONSTRAINT "maintenance_window_check" CHECK ("ends_at" > "starts_at")
      )`);
    await queryRunner.query(`CREATE INDEX "maintenance_starts_idx" ON "maintenance" ("starts_at")`);
    await queryRunner.query(`
      CREATE TABLE "maintenance_service" (
        "maintenance_id" uuid NOT NULL CONSTRAINT "maintenance_service_maintenance_id_fkey" REFERENCES "maintenance" ("id"),
        "service_id" uuid NOT NULL CONSTRAINT "maintenance_service_service_id_fkey" REFERENCES "service" ("id"),
        CONSTRAINT "maintenance_service_pkey" PRIMARY KEY ("maintenance_id", "service_id")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "maintenance_service"`);
    await queryRunner.query(`DROP TABLE "maintenance"`);
    await queryRunner.query(`DROP TABLE "service"`);
  }
}
