import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The desk's orders as index walks, not sorts: the open queue by the clock running out first (the
 * expression TicketRepository sorts `due` by) and by last update, each over open tickets only; and
 * every ticket newest first (the API's default order, and searches' results), which had no index.
 * At 1,000,000 tickets (`npm run bench -- desk`) a page is then read, not 16,000 open tickets sorted.
 */
export class DeskQueueOrder1764304100000 implements MigrationInterface {
  name = 'DeskQueueOrder1764304100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "ticket_open_due_idx" ON "ticket"
         ((CASE WHEN "first_responded_at" IS NULL THEN "first_response_due_at" ELSE "resolution_due_at" END), "id")
         WHERE "status" IN ('new', 'open', 'pending')`,
    );
    await queryRunner.query(
      `CREATE INDEX "ticket_open_updated_idx" ON "ticket" ("updated_at", "id") WHERE "status" IN ('new', 'open', 'pending')`,
    );
    await queryRunner.query(`CREATE INDEX "ticket_created_idx" ON "ticket" ("created_at", "id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ticket_created_idx"`);
    await queryRunner.query(`DROP INDEX "ticket_open_updated_idx"`);
    await queryRunner.query(`DROP INDEX "ticket_open_due_idx"`);
  }
}
