import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A duplicate merged into another ticket: its messages move to that ticket's thread, and it stays,
 * closed, pointing at where the conversation went (`merged_into_id`).
 */
export class TicketMerge1764303400000 implements MigrationInterface {
  name = 'TicketMerge1764303400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "ticket" ADD COLUMN "merged_into_id" uuid CONSTRAINT "ticket_merged_into_id_fkey" REFERENCES "ticket" ("id")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "ticket" DROP COLUMN "merged_into_id"`);
  }
}
