import type { MigrationInterface, QueryRunner } from 'typeorm';

/** When a solved ticket closes by itself, and which closed ticket a follow-up continues. */
export class TicketFollowUps1764300700000 implements MigrationInterface {
  name = 'TicketFollowUps1764300700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "ticket" ADD "auto_close_at" timestamptz`);
    await queryRunner.query(
      `ALTER TABLE "ticket" ADD "follow_up_of" uuid CONSTRAINT "ticket_follow_up_of_fkey" REFERENCES "ticket" ("id")`,
    );
    await queryRunner.query(`CREATE INDEX "ticket_auto_close_idx" ON "ticket" ("status", "auto_close_at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ticket_auto_close_idx"`);
    await queryRunner.query(`ALTER TABLE "ticket" DROP COLUMN "follow_up_of"`);
    await queryRunner.query(`ALTER TABLE "ticket" DROP COLUMN "auto_close_at"`);
  }
}
