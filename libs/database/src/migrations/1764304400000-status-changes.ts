import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Every table the public status page is computed from. */
const STATUS_TABLES = [
  'service',
  'maintenance',
  'maintenance_service',
  'incident',
  'incident_service',
  'incident_update',
  'kpi_definition',
];

/**
 * The public status page is served from a snapshot each API process keeps. Any committed change to
 * what it is computed from is announced on a NOTIFY channel, so every process drops its snapshot at
 * once; a rolled-back change is never heard. One announcement per statement (and Postgres folds
 * equal payloads of one transaction into one), so a large write does not flood listeners.
 */
export class StatusChanges1764304400000 implements MigrationInterface {
  name = 'StatusChanges1764304400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE FUNCTION "announce_status_change"() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         PERFORM pg_notify('madoguchi_status', '');
         RETURN NULL;
       END $$`,
    );
    for (const table of STATUS_TABLES)
      await queryRunner.query(
        `CREATE TRIGGER "${table}_announce_status_change" AFTER INSERT OR UPDATE OR DELETE ON "${table}"
         FOR EACH STATEMENT EXECUTE FUNCTION "announce_status_change"()`,
      );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of STATUS_TABLES)
      await queryRunner.query(`DROP TRIGGER "${table}_announce_status_change" ON "${table}"`);
    await queryRunner.query(`DROP FUNCTION "announce_status_change"()`);
  }
}
