import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Files that came with a message (inbound e-mail attachments), kept in the database with it. */
export class TicketAttachments1764302000000 implements MigrationInterface {
  name = 'TicketAttachments1764302000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "ticket_attachment" (
        "id" uuid NOT NULL,
        "message_id" uuid NOT NULL,
        "filename" varchar(255) NOT NULL,
        "content_type" varchar(255) NOT NULL,
        "size" integer NOT NULL,
        "content" bytea NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "ticket_attachment_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "ticket_attachment_message_id_fkey" FOREIGN KEY ("message_id") REFERENCES "ticket_message" ("id")
      )`);
    await queryRunner.query(`CREATE INDEX "ticket_attachment_message_idx" ON "ticket_attachment" ("message_id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "ticket_attachment"`);
  }
}
