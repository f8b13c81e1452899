import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tickets, their messages and history, numbering, and stored answers for Idempotency-Key.
 * Ticket numbers come from one sequence (no lock shared by concurrent inquiries).
 */
export class Tickets1764300300000 implements MigrationInterface {
  name = 'Tickets1764300300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SEQUENCE "ticket_number_seq"`);
    await queryRunner.query(`
      CREATE TABLE "ticket" (
        "id" uuid PRIMARY KEY,
        "number" varchar(20) NOT NULL,
        "organization_id" uuid CONSTRAINT "ticket_organization_id_fkey" REFERENCES "organization" ("id"),
        "requester_id" uuid CONSTRAINT "ticket_requester_id_fkey" REFERENCES "app_user" ("id"),
        "requester_name" varchar(200) NOT NULL,
        "requester_email" varchar(254) NOT NULL,
        "requester_company" varchar(200),
        "requester_phone" varchar(50),
        "requester_language" varchar(2) NOT NULL DEFAULT 'ja',
        "channel" varchar(10) NOT NULL,
        "category" varchar(50),
        "priority" varchar(10) NOT NULL DEFAULT 'normal',
        "status" varchar(10) NOT NULL DEFAULT 'new',
        "subject" varchar(200) NOT NULL,
        "assignee_id" uuid CONSTRAINT "ticket_assignee_id_fkey" REFERENCES "app_user" ("id"),
        "calendar_id" varchar(50) NOT NULL,
        "first_response_due_at" timestamptz NOT NULL,
        "resolution_due_at" timestamptz NOT NULL,
        "first_responded_at" timestamptz,
        "pending_since" timestamptz,
        "paused_ms" bigint NOT NULL DEFAULT 0,
        "solved_at" timestamptz,
        "closed_at" timestamptz,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "ticket_status_check" CHECK ("status" IN ('new', 'open', 'pending', 'solved', 'closed')),
        CONSTRAINT "ticket_priority_check" CHECK ("priority" IN ('low', 'normal', 'high', 'urgent')),
        CONSTRAINT "ticket_channel_check" CHECK ("channel" IN ('web', 'phone', 'email', 'api'))
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "ticket_number_key" ON "ticket" ("number")`);
    await queryRunner.query(`CREATE INDEX "ticket_status_due_idx" ON "ticket" ("status", "resolution_due_at")`);
    await queryRunner.query(`CREATE INDEX "ticket_organization_idx" ON "ticket" ("organization_id", "created_at")`);
    await queryRunner.query(`CREATE INDEX "ticket_assignee_idx" ON "ticket" ("assignee_id", "status")`);
    await queryRunner.query(`
      CREATE TABLE "ticket_message" (
        "id" uuid PRIMARY KEY,
        "ticket_id" uuid NOT NULL CONSTRAINT "ticket_message_ticket_id_fkey" REFERENCES "ticket" ("id"),
        "author_id" uuid CONSTRAINT "ticket_message_author_id_fkey" REFERENCES "app_user" ("id"),
        "author_kind" varchar(10) NOT NULL,
        "body" text NOT NULL,
        "internal" boolean NOT NULL DEFAULT false,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "ticket_message_author_kind_check" CHECK ("author_kind" IN ('requester', 'agent', 'system'))
      )`);
    await queryRunner.query(`CREATE INDEX "ticket_message_ticket_idx" ON "ticket_message" ("ticket_id", "created_at")`);
    await queryRunner.query(`
      CREATE TABLE "ticket_event" (
        "id" bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        "ticket_id" uuid NOT NULL CONSTRAINT "ticket_event_ticket_id_fkey" REFERENCES "ticket" ("id"),
        "actor_id" uuid,
        "kind" varchar(50) NOT NULL,
        "data" jsonb NOT NULL DEFAULT '{}',
        "occurred_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX "ticket_event_ticket_idx" ON "ticket_event" ("ticket_id", "id")`);
    await queryRunner.query(`
      CREATE TABLE "idempotency_key" (
        "scope" varchar(50) NOT NULL,
        "key" varchar(200) NOT NULL,
        "request_hash" char(64) NOT NULL,
        "response" jsonb NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "idempotency_key_pkey" PRIMARY KEY ("scope", "key")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "idempotency_key"`);
    await queryRunner.query(`DROP TABLE "ticket_event"`);
    await queryRunner.query(`DROP TABLE "ticket_message"`);
    await queryRunner.query(`DROP TABLE "ticket"`);
    await queryRunner.query(`DROP SEQUENCE "ticket_number_seq"`);
  }
}
