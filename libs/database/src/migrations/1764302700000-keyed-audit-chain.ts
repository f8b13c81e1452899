import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit chain is keyed from here on: each entry names the key that sealed it (an HMAC under
 * AUDIT_KEY, which the database does not hold). Entries sealed before carry `sha256`, the public
 * formula, and are accepted only as the chain's beginning. The append-only trigger lets sealing set
 * the column once, with the chain position and hashes.
 */
export class KeyedAuditChain1764302700000 implements MigrationInterface {
  name = 'KeyedAuditChain1764302700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "audit_event" ADD "hash_key" varchar(16)`);
    await queryRunner.query(`ALTER TABLE "audit_event" DISABLE TRIGGER "audit_event_no_update_or_delete"`);
    await queryRunner.query(`UPDATE "audit_event" SET "hash_key" = 'sha256' WHERE "chain_seq" IS NOT NULL`);
    await queryRunner.query(`ALTER TABLE "audit_event" ENABLE TRIGGER "audit_event_no_update_or_delete"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "audit_event" DROP COLUMN "hash_key"`);
  }
}
