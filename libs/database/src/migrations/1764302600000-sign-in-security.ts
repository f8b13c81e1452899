import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in security. `login_failure`: failed passwords and second-factor codes, counted per account,
 * per address and per pair by the throttle (a row is reserved before the check, so parallel guesses
 * cannot slip past it). `second_factor`: a user's TOTP secret (encrypted with the server's key; the
 * database never holds it in clear), the last time step used (no replay), `recovery_code`: single-use
 * codes by hash. `login_challenge`: the short-lived step between the password and the code.
 */
export class SignInSecurity1764302600000 implements MigrationInterface {
  name = 'SignInSecurity1764302600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "login_failure" (
         "id" bigserial PRIMARY KEY,
         "account" varchar(400) NOT NULL,
         "address" varchar(64),
         "familiar" boolean NOT NULL,
         "at" timestamptz NOT NULL
       )`,
    );
    await queryRunner.query(`CREATE INDEX "login_failure_account_idx" ON "login_failure" ("account", "at")`);
    await queryRunner.query(`CREATE INDEX "login_failure_address_idx" ON "login_failure" ("address", "at")`);
    await queryRunner.query(
      `CREATE TABLE "second_factor" (
         "user_id" uuid PRIMARY KEY REFERENCES "app_user" ("id") ON DELETE CASCADE,
         "secret" text NOT NULL,
         "confirmed_at" timestamptz,
         "last_step" bigint,
         "created_at" timestamptz NOT NULL
       )`,
    );
    await queryRunner.query(
      `CREATE TABLE "recovery_code" (
         "id" uuid PRIMARY KEY,
         "user_id" uuid NOT NULL REFERENCES "app_user" ("id") ON DELETE CASCADE,
         "code_hash" char(64) NOT NULL,
         "used_at" timestamptz
       )`,
    );
    await queryRunner.query(`CREATE INDEX "recovery_code_user_idx" ON "recovery_code" ("user_id")`);
    await queryRunner.query(
      `CREATE TABLE "login_challenge" (
         "id" uuid PRIMARY KEY,
         "token_hash" char(64) NOT NULL UNIQUE,
         "user_id" uuid NOT NULL REFERENCES "app_user" ("id") ON DELETE CASCADE,
         "kind" varchar(10) NOT NULL,
         "expires_at" timestamptz NOT NULL,
         "used_at" timestamptz
       )`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "login_challenge"`);
    await queryRunner.query(`DROP TABLE "recovery_code"`);
    await queryRunner.query(`DROP TABLE "second_factor"`);
    await queryRunner.query(`DROP TABLE "login_failure"`);
  }
}
