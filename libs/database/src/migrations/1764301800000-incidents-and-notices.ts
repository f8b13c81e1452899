import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Incidents and their updates; the notice outbox (one row per notice, one per recipient); who is
 * subscribed (organizations' services, extra addresses, quarantined addresses); incident deadline
 * alerts and maintenance notice schedules.
 */
export class IncidentsAndNotices1764301800000 implements MigrationInterface {
  name = 'IncidentsAndNotices1764301800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "incident" (
        "id" uuid PRIMARY KEY,
        "title" varchar(200) NOT NULL,
        "impact" varchar(20) NOT NULL CONSTRAINT "incident_impact_check"
          CHECK ("impact" IN ('degraded', 'partial-outage', 'major-outage')),
        "status" varchar(20) NOT NULL CONSTRAINT "incident_status_check"
          CHECK ("status" IN ('investigating', 'identified', 'monitoring', 'resolved')),
        "detected_at" timestamptz NOT NULL,
        "notice_deadline_at" timestamptz NOT NULL,
        "published_at" timestamptz,
        "resolved_at" timestamptz,
        "created_by" uuid NOT NULL CONSTRAINT "incident_created_by_fkey" REFERENCES "app_user" ("id"),
        "created_at" timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX "incident_detected_idx" ON "incident" ("detected_at")`);
    await queryRunner.query(
      `CREATE INDEX "incident_unpublished_idx" ON "incident" ("detected_at") WHERE "published_at" IS NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE "incident_service" (
        "incident_id" uuid NOT NULL CONSTRAINT "incident_service_incident_id_fkey" REFERENCES "incident" ("id"),
        "service_id" uuid NOT NULL CONSTRAINT "incident_service_service_id_fkey" REFERENCES "service" ("id"),
        CONSTRAINT "incident_service_pkey" PRIMARY KEY ("incident_id", "service_id")
      )`);
    await queryRunner.query(`
      CREATE TABLE "notice" (
        "id" uuid PRIMARY KEY,
        "kind" varchar(40) NOT NULL,
        "subject_type" varchar(20) NOT NULL,
        "subject_id" uuid NOT NULL,
        "content" jsonb NOT NULL,
        "total" integer NOT NULL DEFAULT 0,
        "created_at" timestamptz NOT NULL,
        "relayed_at" timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX "notice_subject_idx" ON "notice" ("subject_type", "subject_id")`);
    await queryRunner.query(
      `CREATE INDEX "notice_unrelayed_idx" ON "notice" ("created_at") WHERE "relayed_at" IS NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE "incident_update" (
        "id" uuid PRIMARY KEY,
        "incident_id" uuid NOT NULL CONSTRAINT "incident_update_incident_id_fkey" REFERENCES "incident" ("id"),
        "status" varchar(20) NOT NULL,
        "message_ja" text NOT NULL,
        "message_en" text,
        "created_at" timestamptz NOT NULL,
        "created_by" uuid NOT NULL CONSTRAINT "incident_update_created_by_fkey" REFERENCES "app_user" ("id"),
        "published_at" timestamptz,
        "notice_id" uuid CONSTRAINT "incident_update_notice_id_fkey" REFERENCES "notice" ("id")
      )`);
    await queryRunner.query(
      `CREATE INDEX "incident_update_incident_idx" ON "incident_update" ("incident_id", "created_at")`,
    );
    await queryRunner.query(`
      CREATE TABLE "notice_delivery" (
        "notice_id" uuid NOT NULL,
        "recipient" varchar(254) COLLATE "C" NOT NULL,
        "language" varchar(2) NOT NULL,
        "batch_no" integer NOT NULL,
        "status" varchar(10) NOT NULL DEFAULT 'pending' CONSTRAINT "notice_delivery_status_check"
          CHECK ("status" IN ('pending', 'sent', 'failed')),
        "attempts" smallint NOT NULL DEFAULT 0,
        "lease_until" timestamptz,
        "response" text,
        "sent_at" timestamptz,
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "notice_delivery_pkey" PRIMARY KEY ("notice_id", "recipient")
      ) WITH (fillfactor = 50)`);
    // No foreign key to notice: rows are only ever written with their notice, in its transaction,
    // and a per-row check costs more than the insert itself on a 100,000-recipient notice.
    // Only columns that never change are indexed, and pages keep room: a row's two updates (claimed,
    // then sent) are heap-only (HOT), writing no index entries.
    await queryRunner.query(
      `CREATE INDEX "notice_delivery_batch_idx" ON "notice_delivery" ("notice_id", "language", "batch_no")`,
    );
    await queryRunner.query(`
      CREATE TABLE "organization_service" (
        "organization_id" uuid NOT NULL CONSTRAINT "organization_service_organization_id_fkey" REFERENCES "organization" ("id"),
        "service_id" uuid NOT NULL CONSTRAINT "organization_service_service_id_fkey" REFERENCES "service" ("id"),
        CONSTRAINT "organization_service_pkey" PRIMARY KEY ("organization_id", "service_id")
      )`);
    await queryRunner.query(`
      CREATE TABLE "notice_extra_recipient" (
        "id" uuid PRIMARY KEY,
        "organization_id" uuid NOT NULL CONSTRAINT "notice_extra_recipient_organization_id_fkey" REFERENCES "organization" ("id"),
        "email" varchar(254) NOT NULL,
        "language" varchar(2) NOT NULL DEFAULT 'ja',
        "created_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "notice_extra_recipient_key" ON "notice_extra_recipient" ("organization_id", "email")`,
    );
    await queryRunner.query(`
      CREATE TABLE "mail_quarantine" (
        "email" varchar(254) PRIMARY KEY,
        "reason" text NOT NULL,
        "notice_id" uuid,
        "quarantined_at" timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE "incident_alert" (
        "incident_id" uuid NOT NULL CONSTRAINT "incident_alert_incident_id_fkey" REFERENCES "incident" ("id"),
        "minutes" smallint NOT NULL,
        "raised_at" timestamptz NOT NULL,
        CONSTRAINT "incident_alert_pkey" PRIMARY KEY ("incident_id", "minutes")
      )`);
    await queryRunner.query(`
      CREATE TABLE "maintenance_schedule" (
        "maintenance_id" uuid NOT NULL CONSTRAINT "maintenance_schedule_maintenance_id_fkey" REFERENCES "maintenance" ("id"),
        "kind" varchar(20) NOT NULL,
        "due_at" timestamptz NOT NULL,
        "notice_id" uuid CONSTRAINT "maintenance_schedule_notice_id_fkey" REFERENCES "notice" ("id"),
        "cancelled" boolean NOT NULL DEFAULT false,
        CONSTRAINT "maintenance_schedule_pkey" PRIMARY KEY ("maintenance_id", "kind")
      )`);
    await queryRunner.query(
      `CREATE INDEX "maintenance_schedule_due_idx" ON "maintenance_schedule" ("due_at") WHERE "notice_id" IS NULL AND NOT "cancelled"`,
    );
    await queryRunner.query(`ALTER TABLE "maintenance" ADD "cancelled_at" timestamptz, ADD "cancel_reason" text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "maintenance" DROP COLUMN "cancelled_at", DROP COLUMN "cancel_reason"`);
    for (const table of [
      'maintenance_schedule',
      'incident_alert',
      'mail_quarantine',
      'notice_extra_recipient',
      'organization_service',
      'notice_delivery',
      'incident_update',
      'notice',
      'incident_service',
      'incident',
    ])
      await queryRunner.query(`DROP TABLE "${table}"`);
  }
}
