import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Announced service changes and terminations (effective at least 3 months after announcement). */
export class ServiceChanges1764301700000 implements MigrationInterface {
  name = 'ServiceChanges1764301700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "service_change" (
        "id" uuid PRIMARY KEY,
        "title" varchar(200) NOT NULL,
        "effective_at" timestamptz NOT NULL,
        "message_ja" text NOT NULL,
        "message_en" text,
        "published_at" timestamptz NOT NULL,
        "created_by" uuid NOT NULL CONSTRAINT "service_change_created_by_fkey" REFERENCES "app_user" ("id")
      )`);
    await queryRunner.query(`CREATE INDEX "service_change_effective_idx" ON "service_change" ("effective_at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "service_change"`);
  }
}
