import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tags on tickets from one list managers keep (no spelling variants: `請求` and `請求 ` are one tag,
 * names compared case aside), and the organization search the desk's filter needs at 860,000
 * organizations: a trigram index on names, so a part of a name is a lookup, not a scan.
 */
export class TicketTags1764303900000 implements MigrationInterface {
  name = 'TicketTags1764303900000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "tag" (
         "id" uuid PRIMARY KEY,
         "name" varchar(40) NOT NULL,
         "created_at" timestamptz NOT NULL DEFAULT now()
       )`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "tag_name_key" ON "tag" (lower("name"))`);
    await queryRunner.query(
      `CREATE TABLE "ticket_tag" (
         "ticket_id" uuid NOT NULL CONSTRAINT "ticket_tag_ticket_id_fkey" REFERENCES "ticket" ("id") ON DELETE CASCADE,
         "tag_id" uuid NOT NULL CONSTRAINT "ticket_tag_tag_id_fkey" REFERENCES "tag" ("id") ON DELETE CASCADE,
         "created_at" timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY ("ticket_id", "tag_id")
       )`,
    );
    // The desk's tag filter walks a tag's tickets.
    await queryRunner.query(`CREATE INDEX "ticket_tag_tag_idx" ON "ticket_tag" ("tag_id", "ticket_id")`);
    await queryRunner.query(
      `CREATE INDEX "organization_name_trgm_idx" ON "organization" USING gin ("name" gin_trgm_ops)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "organization_name_trgm_idx"`);
    await queryRunner.query(`DROP TABLE "ticket_tag"`);
    await queryRunner.query(`DROP TABLE "tag"`);
  }
}
