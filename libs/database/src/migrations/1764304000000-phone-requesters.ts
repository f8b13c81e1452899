import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A ticket from a call may have no e-mail address: the caller gave a name and a number. The search
 * index's expression reads a missing address as empty, so such tickets stay findable by the rest.
 */
export class PhoneRequesters1764304000000 implements MigrationInterface {
  name = 'PhoneRequesters1764304000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "ticket" ALTER COLUMN "requester_email" DROP NOT NULL`);
    await queryRunner.query(`DROP INDEX "ticket_search_trgm_idx"`);
    await queryRunner.query(`
      CREATE INDEX "ticket_search_trgm_idx" ON "ticket" USING gin (
        ("subject" || ' ' || "requester_name" || ' ' || coalesce("requester_email", '') || ' ' || coalesce("requester_company", '')) gin_trgm_ops)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`UPDATE "ticket" SET "requester_email" = '' WHERE "requester_email" IS NULL`);
    await queryRunner.query(`ALTER TABLE "ticket" ALTER COLUMN "requester_email" SET NOT NULL`);
    await queryRunner.query(`DROP INDEX "ticket_search_trgm_idx"`);
    await queryRunner.query(`
      CREATE INDEX "ticket_search_trgm_idx" ON "ticket" USING gin (
        ("subject" || ' ' || "requester_name" || ' ' || "requester_email" || ' ' || coalesce("requester_company", '')) gin_trgm_ops)`);
  }
}
