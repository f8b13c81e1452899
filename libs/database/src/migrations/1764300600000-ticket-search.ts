import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Trigram indexes for the desk's search over subject, requester and message bodies. Matching is
 * ILIKE on substrings, which is right for Japanese (no word boundaries) as for English; the
 * indexes speed it up where the database's character classes let pg_trgm see the characters.
 */
export class TicketSearch1764300600000 implements MigrationInterface {
  name = 'TicketSearch1764300600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(`
      CREATE INDEX "ticket_search_trgm_idx" ON "ticket" USING gin (
        ("subject" || ' ' || "requester_name" || ' ' || "requester_email" || ' ' || coalesce("requester_company", '')) gin_trgm_ops)`);
    await queryRunner.query(
      `CREATE INDEX "ticket_message_body_trgm_idx" ON "ticket_message" USING gin ("body" gin_trgm_ops)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ticket_message_body_trgm_idx"`);
    await queryRunner.query(`DROP INDEX "ticket_search_trgm_idx"`);
  }
}
