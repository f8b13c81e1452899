import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Optional English names and titles, so English readers of the status page, feeds and notice mails
 * read English: a service's name, the titles of incidents, maintenance windows and service changes,
 * and an emergency window's reason. NULL means "Japanese only"; readers then see the Japanese text.
 */
export class EnglishTitles1764302800000 implements MigrationInterface {
  name = 'EnglishTitles1764302800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "service" ADD COLUMN "name_en" varchar(100)`);
    await queryRunner.query(`ALTER TABLE "incident" ADD COLUMN "title_en" varchar(200)`);
    await queryRunner.query(
      `ALTER TABLE "maintenance" ADD COLUMN "title_en" varchar(200), ADD COLUMN "reason_en" text`,
    );
    await queryRunner.query(`ALTER TABLE "service_change" ADD COLUMN "title_en" varchar(200)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "service_change" DROP COLUMN "title_en"`);
    await queryRunner.query(`ALTER TABLE "maintenance" DROP COLUMN "reason_en", DROP COLUMN "title_en"`);
    await queryRunner.query(`ALTER TABLE "incident" DROP COLUMN "title_en"`);
    await queryRunner.query(`ALTER TABLE "service" DROP COLUMN "name_en"`);
  }
}
