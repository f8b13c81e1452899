import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A requester's other tickets (the ticket page's side panel) by address, case aside: an index lookup, not a scan. */
export class RequesterEmailLookup1764303800000 implements MigrationInterface {
  name = 'RequesterEmailLookup1764303800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "ticket_requester_email_idx" ON "ticket" (lower("requester_email"), "created_at" DESC)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ticket_requester_email_idx"`);
  }
}
