import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Organizations, users, access tokens, and the append-only audit log. The audit table refuses
 * UPDATE, DELETE and TRUNCATE in a trigger, so even the application's own role cannot rewrite
 * history; each row also carries the hash of the previous one (checked by `npm run audit:verify`).
 */
export class IdentityAndAudit1764300100000 implements MigrationInterface {
  name = 'IdentityAndAudit1764300100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "organization" (
        "id" uuid PRIMARY KEY,
        "name" varchar(200) NOT NULL,
        "code" varchar(50),
        "active" boolean NOT NULL DEFAULT true,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "organization_code_key" ON "organization" (lower("code"))`);
    await queryRunner.query(`
      CREATE TABLE "app_user" (
        "id" uuid PRIMARY KEY,
        "email" varchar(254) NOT NULL,
        "name" varchar(200) NOT NULL,
        "password_hash" varchar(200) NOT NULL,
        "role" varchar(20) NOT NULL,
        "organization_id" uuid REFERENCES "organization" ("id"),
        "language" varchar(2) NOT NULL DEFAULT 'ja',
        "active" boolean NOT NULL DEFAULT true,
        "last_login_at" timestamptz,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "app_user_role_check" CHECK ("role" IN ('customer', 'agent', 'manager', 'admin')),
        CONSTRAINT "app_user_language_check" CHECK ("language" IN ('ja', 'en')),
        CONSTRAINT "app_user_customer_has_organization" CHECK ("role" <> 'customer' OR "organization_id" IS NOT NULL)
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "app_user_email_key" ON "app_user" (lower("email"))`);
    await queryRunner.query(`CREATE INDEX "app_user_organization_idx" ON "app_user" ("organization_id")`);
    await queryRunner.query(`
      CREATE TABLE "access_token" (
        "id" uuid PRIMARY KEY,
        "user_id" uuid NOT NULL REFERENCES "app_user" ("id"),
        "token_hash" char(64) NOT NULL,
        "kind" varchar(10) NOT NULL CONSTRAINT "access_token_kind_check" CHECK ("kind" IN ('api', 'session')),
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "expires_at" timestamptz NOT NULL,
        "revoked_at" timestamptz,
        "ip" varchar(64),
        "user_agent" varchar(500)
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "access_token_token_hash_key" ON "access_token" ("token_hash")`);
    await queryRunner.query(`CREATE INDEX "access_token_user_idx" ON "access_token" ("user_id")`);
    await queryRunner.query(`
      CREATE TABLE "audit_event" (
        "id" bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        "occurred_at" timestamptz NOT NULL,
        "actor_id" uuid,
        "actor_email" varchar(254),
        "action" varchar(100) NOT NULL,
        "target_type" varchar(50),
        "target_id" varchar(254),
        "summary" jsonb NOT NULL DEFAULT '{}',
        "ip" varchar(64),
        "user_agent" varchar(500),
        "request_id" varchar(128),
        "prev_hash" char(64) NOT NULL,
        "hash" char(64) NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX "audit_event_occurred_idx" ON "audit_event" ("occurred_at")`);
    await queryRunner.query(
      `CREATE INDEX "audit_event_action_target_idx" ON "audit_event" ("action", "target_id", "occurred_at")`,
    );
    await queryRunner.query(
      `CREATE INDEX "audit_event_action_ip_idx" ON "audit_event" ("action", "ip", "occurred_at")`,
    );
    await queryRunner.query(`CREATE INDEX "audit_event_actor_idx" ON "audit_event" ("actor_id", "occurred_at")`);
    await queryRunner.query(`
      CREATE FUNCTION "audit_event_is_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_event is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER "audit_event_no_update_or_delete" BEFORE UPDATE OR DELETE ON "audit_event"
      FOR EACH ROW EXECUTE FUNCTION "audit_event_is_append_only"()`);
    await queryRunner.query(`
      CREATE TRIGGER "audit_event_no_truncate" BEFORE TRUNCATE ON "audit_event"
      FOR EACH STATEMENT EXECUTE FUNCTION "audit_event_is_append_only"()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "audit_event"`);
    await queryRunner.query(`DROP FUNCTION "audit_event_is_append_only"()`);
    await queryRunner.query(`DROP TABLE "access_token"`);
    await queryRunner.query(`DROP TABLE "app_user"`);
    await queryRunner.query(`DROP TABLE "organization"`);
  }
}
