import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Audit entries are appended without a hash and sealed into the chain shortly after by one
 * sealer at a time, so that writers no longer queue behind a global lock and one fsync each.
 * The trigger still refuses DELETE, TRUNCATE and any UPDATE except sealing an unsealed entry
 * (setting its chain position and hashes once, nothing else).
 */
export class AuditSealing1764300500000 implements MigrationInterface {
  name = 'AuditSealing1764300500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "audit_event" ADD "chain_seq" bigint`);
    await queryRunner.query(`ALTER TABLE "audit_event" ALTER COLUMN "prev_hash" DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE "audit_event" ALTER COLUMN "hash" DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE "audit_event" DISABLE TRIGGER "audit_event_no_update_or_delete"`);
    await queryRunner.query(`
      UPDATE "audit_event" e SET "chain_seq" = ranked.position
      FROM (SELECT "id", row_number() OVER (ORDER BY "id") AS position FROM "audit_event") ranked
      WHERE e."id" = ranked."id"`);
    await queryRunner.query(`ALTER TABLE "audit_event" ENABLE TRIGGER "audit_event_no_update_or_delete"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "audit_event_chain_seq_key" ON "audit_event" ("chain_seq")`);
    await queryRunner.query(
      `CREATE INDEX "audit_event_unsealed_idx" ON "audit_event" ("id") WHERE "chain_seq" IS NULL`,
    );
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION "audit_event_is_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND OLD."chain_seq" IS NULL AND NEW."chain_seq" IS NOT NULL
           AND (NEW."id", NEW."occurred_at", NEW."actor_id", NEW."actor_email", NEW."action", NEW."target_type",
                NEW."target_id", NEW."summary", NEW."ip", NEW."user_agent", NEW."request_id")
               IS NOT DISTINCT FROM
               (OLD."id", OLD."occurred_at", OLD."actor_id", OLD."actor_email", OLD."action", OLD."target_type",
                OLD."target_id", OLD."summary", OLD."ip", OLD."user_agent", OLD."request_id") THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'audit_event is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION "audit_event_is_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_event is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await queryRunner.query(`DROP INDEX "audit_event_unsealed_idx"`);
    await queryRunner.query(`DROP INDEX "audit_event_chain_seq_key"`);
    await queryRunner.query(`ALTER TABLE "audit_event" DROP COLUMN "chain_seq"`);
  }
}
