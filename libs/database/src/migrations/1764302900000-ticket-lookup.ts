import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The desk finds a ticket by what a caller reads out: its number's sequence (`301` for
 * MD-2026-000301; one sequence for all years) and the requester's phone number, compared as
 * digits (+81 as the domestic 0). Both are indexed expressions, so the lookup stays an index scan
 * at a million tickets; the expressions must stay the same as `TicketRepository`'s.
 */
export class TicketLookup1764302900000 implements MigrationInterface {
  name = 'TicketLookup1764302900000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "ticket_number_sequence_idx" ON "ticket" ((CAST(split_part("number", '-', 3) AS bigint)))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ticket_requester_phone_idx" ON "ticket" (
         (regexp_replace(regexp_replace("requester_phone", '[^0-9]', '', 'g'), '^81(?=[0-9]{9})', '0')))
         WHERE "requester_phone" IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ticket_requester_phone_idx"`);
    await queryRunner.query(`DROP INDEX "ticket_number_sequence_idx"`);
  }
}
