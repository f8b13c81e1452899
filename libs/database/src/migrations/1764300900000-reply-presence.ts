import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Who is writing a reply on which ticket (heartbeats), so that two agents do not answer at once. */
export class ReplyPresence1764300900000 implements MigrationInterface {
  name = 'ReplyPresence1764300900000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "ticket_reply_presence" (
        "ticket_id" uuid NOT NULL CONSTRAINT "ticket_reply_presence_ticket_id_fkey" REFERENCES "ticket" ("id"),
        "user_id" uuid NOT NULL CONSTRAINT "ticket_reply_presence_user_id_fkey" REFERENCES "app_user" ("id"),
        "heartbeat_at" timestamptz NOT NULL,
        CONSTRAINT "ticket_reply_presence_pkey" PRIMARY KEY ("ticket_id", "user_id")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "ticket_reply_presence"`);
  }
}
