import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Calls from the PBX (and logged by hand), their imports, agents' presence and unplanned desk closures. */
export class Telephony1764301200000 implements MigrationInterface {
  name = 'Telephony1764301200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "telephony_import" (
        "id" uuid PRIMARY KEY,
        "format" varchar(30) NOT NULL,
        "file_name" varchar(255),
        "status" varchar(20) NOT NULL,
        "byte_size" bigint NOT NULL,
        "chunk_count" integer NOT NULL,
        "next_chunk" integer NOT NULL DEFAULT 0,
        "bytes_read" bigint NOT NULL DEFAULT 0,
        "lines_read" integer NOT NULL DEFAULT 0,
        "calls_created" integer NOT NULL DEFAULT 0,
        "calls_updated" integer NOT NULL DEFAULT 0,
        "lines_skipped" integer NOT NULL DEFAULT 0,
        "unknown_events" integer NOT NULL DEFAULT 0,
        "presence_changes" integer NOT NULL DEFAULT 0,
        "errors" jsonb NOT NULL DEFAULT '[]',
        "failure" text,
        "created_by" uuid NOT NULL CONSTRAINT "telephony_import_created_by_fkey" REFERENCES "app_user" ("id"),
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "started_at" timestamptz,
        "finished_at" timestamptz,
        CONSTRAINT "telephony_import_status_check" CHECK ("status" IN ('queued', 'running', 'completed', 'failed')),
        CONSTRAINT "telephony_import_format_check" CHECK ("format" IN ('asterisk-queue-log', 'csv'))
      )`);
    await queryRunner.query(`CREATE INDEX "telephony_import_created_idx" ON "telephony_import" ("created_at")`);
    // Uploaded before their import row exists (the row is written once the whole file is stored).
    await queryRunner.query(`
      CREATE TABLE "telephony_import_chunk" (
        "import_id" uuid NOT NULL,
        "seq" integer NOT NULL,
        "data" bytea NOT NULL,
        CONSTRAINT "telephony_import_chunk_pkey" PRIMARY KEY ("import_id", "seq")
      )`);
    await queryRunner.query(`
      CREATE TABLE "telephony_call" (
        "id" uuid PRIMARY KEY,
        "source" varchar(50) NOT NULL,
        "pbx_call_id" varchar(200) NOT NULL,
        "direction" varchar(10) NOT NULL DEFAULT 'inbound',
        "queue" varchar(100),
        "caller_number" varchar(100),
        "entered_at" timestamptz,
        "entered_at_estimated" boolean NOT NULL DEFAULT false,
        "answered_at" timestamptz,
        "ended_at" timestamptz,
        "outcome" varchar(20),
        "wait_seconds" integer,
        "talk_seconds" integer,
        "agent" varchar(200),
        "summary" text,
        "ticket_id" uuid CONSTRAINT "telephony_call_ticket_id_fkey" REFERENCES "ticket" ("id"),
        "logged_by" uuid CONSTRAINT "telephony_call_logged_by_fkey" REFERENCES "app_user" ("id"),
        "import_id" uuid CONSTRAINT "telephony_call_import_id_fkey" REFERENCES "telephony_import" ("id"),
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "telephony_call_direction_check" CHECK ("direction" IN ('inbound', 'outbound')),
        CONSTRAINT "telephony_call_outcome_check"
          CHECK ("outcome" IN ('answered', 'abandoned', 'timeout', 'exit-key', 'exit-empty', 'transferred'))
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "telephony_call_source_pbx_call_id_key" ON "telephony_call" ("source", "pbx_call_id")`,
    );
    await queryRunner.query(`CREATE INDEX "telephony_call_entered_idx" ON "telephony_call" ("entered_at", "id")`);
    await queryRunner.query(`CREATE INDEX "telephony_call_agent_idx" ON "telephony_call" ("agent", "entered_at")`);
    await queryRunner.query(
      `CREATE INDEX "telephony_call_ticket_idx" ON "telephony_call" ("ticket_id") WHERE "ticket_id" IS NOT NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE "telephony_agent" (
        "pbx_agent" varchar(200) PRIMARY KEY,
        "user_id" uuid NOT NULL CONSTRAINT "telephony_agent_user_id_fkey" REFERENCES "app_user" ("id")
      )`);
    await queryRunner.query(`CREATE INDEX "telephony_agent_user_idx" ON "telephony_agent" ("user_id")`);
    await queryRunner.query(`
      CREATE TABLE "agent_presence_change" (
        "agent" varchar(200) NOT NULL,
        "at" timestamptz NOT NULL,
        "state" varchar(10) NOT NULL,
        "reason" varchar(100),
        "ordinal" integer NOT NULL DEFAULT 0,
        "source" varchar(10) NOT NULL,
        CONSTRAINT "agent_presence_change_pkey" PRIMARY KEY ("agent", "at", "state"),
        CONSTRAINT "agent_presence_change_state_check" CHECK ("state" IN ('available', 'paused', 'offline')),
        CONSTRAINT "agent_presence_change_source_check" CHECK ("source" IN ('pbx', 'desk'))
      )`);
    await queryRunner.query(`CREATE INDEX "agent_presence_change_at_idx" ON "agent_presence_change" ("at")`);
    await queryRunner.query(`
      CREATE TABLE "desk_closure" (
        "id" uuid PRIMARY KEY,
        "starts_at" timestamptz NOT NULL,
        "ends_at" timestamptz NOT NULL,
        "reason" varchar(500) NOT NULL,
        "created_by" uuid NOT NULL CONSTRAINT "desk_closure_created_by_fkey" REFERENCES "app_user" ("id"),
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "desk_closure_period_check" CHECK ("ends_at" > "starts_at")
      )`);
    await queryRunner.query(`CREATE INDEX "desk_closure_starts_idx" ON "desk_closure" ("starts_at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'desk_closure',
      'agent_presence_change',
      'telephony_agent',
      'telephony_call',
      'telephony_import_chunk',
      'telephony_import',
    ])
      await queryRunner.query(`DROP TABLE "${table}"`);
  }
}
