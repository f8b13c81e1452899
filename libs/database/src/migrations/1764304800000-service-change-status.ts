import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Service changes are on the public status page now: announcing one drops the status snapshot too. */
export class ServiceChangeStatus1764304800000 implements MigrationInterface {
  name = 'ServiceChangeStatus1764304800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TRIGGER "service_change_announce_status_change" AFTER INSERT OR UPDATE OR DELETE ON "service_change"
       FOR EACH STATEMENT EXECUTE FUNCTION "announce_status_change"()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "service_change_announce_status_change" ON "service_change"`);
  }
}
