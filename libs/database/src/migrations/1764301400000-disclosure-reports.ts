import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Published monthly KPI disclosure reports, frozen: figures and both PDFs as they were published. */
export class DisclosureReports1764301400000 implements MigrationInterface {
  name = 'DisclosureReports1764301400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "disclosure_report" (
        "month" varchar(7) PRIMARY KEY,
        "snapshot" jsonb NOT NULL,
        "pdf_ja" bytea NOT NULL,
        "pdf_en" bytea NOT NULL,
        "is_public" boolean NOT NULL DEFAULT false,
        "published_by" uuid NOT NULL CONSTRAINT "disclosure_report_published_by_fkey" REFERENCES "app_user" ("id"),
        "published_at" timestamptz NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "disclosure_report"`);
  }
}
