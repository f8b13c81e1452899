import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Anyone may subscribe to the status notices from the status page: an address, the services it
 * follows (none: all) and a language, in force once the address confirmed (double opt-in). What a
 * pending request asks for waits in `pending` until then, so a stranger cannot change a confirmed
 * subscription. Each subscriber's `unsubscribe_token` goes into its notice mails (RFC 8058 one-click
 * link), copied onto its delivery rows, which is how the sender knows to send it a message of its own.
 */
export class StatusSubscriptions1764304500000 implements MigrationInterface {
  name = 'StatusSubscriptions1764304500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "status_subscriber" (
        "id" uuid NOT NULL,
        "email" character varying(254) COLLATE "C" NOT NULL,
        "language" character varying(2) NOT NULL,
        "service_ids" uuid[] NOT NULL DEFAULT '{}',
        "confirmed_at" TIMESTAMP WITH TIME ZONE,
        "pending" jsonb,
        "confirm_token_hash" character varying(64),
        "confirm_expires_at" TIMESTAMP WITH TIME ZONE,
        "confirmation_sent_at" TIMESTAMP WITH TIME ZONE,
        "unsubscribe_token" character varying(64) NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "status_subscriber_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "status_subscriber_language_check" CHECK ("language" IN ('ja', 'en'))
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "status_subscriber_email_key" ON "status_subscriber" ("email")`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "status_subscriber_unsubscribe_token_key" ON "status_subscriber" ("unsubscribe_token")`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "status_subscriber_confirm_token_key" ON "status_subscriber" ("confirm_token_hash")`,
    );
    await queryRunner.query(`ALTER TABLE "notice_delivery" ADD "unsubscribe_token" character varying(64)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notice_delivery" DROP COLUMN "unsubscribe_token"`);
    await queryRunner.query(`DROP TABLE "status_subscriber"`);
  }
}
