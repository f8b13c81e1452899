import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each incident update records the impact in force from then on, so availability follows an
 * incident's impact changes (the incident row keeps only the latest). Updates written before this
 * carry the incident's current impact: the best that was recorded.
 */
export class IncidentImpactHistory1764304200000 implements MigrationInterface {
  name = 'IncidentImpactHistory1764304200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "incident_update" ADD "impact" character varying(20)`);
    await queryRunner.query(
      `UPDATE "incident_update" u SET "impact" = i."impact" FROM "incident" i WHERE i."id" = u."incident_id"`,
    );
    await queryRunner.query(`ALTER TABLE "incident_update" ALTER COLUMN "impact" SET NOT NULL`);
    await queryRunner.query(
      `ALTER TABLE "incident_update" ADD CONSTRAINT "incident_update_impact_check" CHECK ("impact" IN ('degraded', 'partial-outage', 'major-outage'))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "incident_update" DROP COLUMN "impact"`);
  }
}
