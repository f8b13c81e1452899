import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A published incident's title may be corrected (a typo, a wrong service name): when it last was,
 * so the status page says the title changed since readers first saw it. The before and after are in
 * the audit log.
 */
export class IncidentTitleCorrections1764304600000 implements MigrationInterface {
  name = 'IncidentTitleCorrections1764304600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "incident" ADD "title_corrected_at" TIMESTAMP WITH TIME ZONE`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "incident" DROP COLUMN "title_corrected_at"`);
  }
}
