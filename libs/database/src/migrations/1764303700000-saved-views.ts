import type { MigrationInterface, QueryRunner } from 'typeorm';

/** An agent's saved desk views: a name and the desk's filters (its query string), theirs alone. */
export class SavedViews1764303700000 implements MigrationInterface {
  name = 'SavedViews1764303700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "saved_view" (
         "id" uuid PRIMARY KEY,
         "user_id" uuid NOT NULL CONSTRAINT "saved_view_user_id_fkey" REFERENCES "app_user" ("id") ON DELETE CASCADE,
         "name" varchar(60) NOT NULL,
         "query" varchar(1000) NOT NULL,
         "created_at" timestamptz NOT NULL DEFAULT now(),
         CONSTRAINT "saved_view_user_name_key" UNIQUE ("user_id", "name")
       )`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "saved_view"`);
  }
}
