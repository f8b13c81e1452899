import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Alerts from monitoring (Alertmanager and the like) open or join incidents: one row per alert
 * episode (its fingerprint and start), so a repeated delivery changes nothing, and a resolved one
 * records when the monitor saw recovery. An incident a monitor opened has no person as its author.
 */
export class MonitoringAlerts1764304300000 implements MigrationInterface {
  name = 'MonitoringAlerts1764304300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "monitoring_alert" (
        "fingerprint" character varying(200) NOT NULL,
        "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "incident_id" uuid NOT NULL,
        "service_id" uuid NOT NULL,
        "summary" character varying(500) NOT NULL,
        "ends_at" TIMESTAMP WITH TIME ZONE,
        "received_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "monitoring_alert_pkey" PRIMARY KEY ("fingerprint", "starts_at"),
        CONSTRAINT "monitoring_alert_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "incident" ("id"),
        CONSTRAINT "monitoring_alert_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "service" ("id")
      )`);
    await queryRunner.query(`CREATE INDEX "monitoring_alert_incident_idx" ON "monitoring_alert" ("incident_id")`);
    await queryRunner.query(`ALTER TABLE "incident" ALTER COLUMN "created_by" DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE "incident_update" ALTER COLUMN "created_by" DROP NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "monitoring_alert"`);
    // Incidents a monitor opened are credited to the first admin, so the columns can be required again.
    for (const table of ['incident', 'incident_update'])
      await queryRunner.query(
        `UPDATE "${table}" SET "created_by" = (SELECT "id" FROM "app_user" WHERE "role" = 'admin' ORDER BY "created_at" LIMIT 1)
          WHERE "created_by" IS NULL`,
      );
    await queryRunner.query(`ALTER TABLE "incident" ALTER COLUMN "created_by" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "incident_update" ALTER COLUMN "created_by" SET NOT NULL`);
  }
}
