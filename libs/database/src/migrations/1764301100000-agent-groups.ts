import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Groups of agents (e.g. billing, technical) that tickets can be assigned to. */
export class AgentGroups1764301100000 implements MigrationInterface {
  name = 'AgentGroups1764301100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "agent_group" (
        "id" uuid PRIMARY KEY,
        "name" varchar(100) NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "agent_group_name_key" ON "agent_group" ("name")`);
    await queryRunner.query(`
      CREATE TABLE "agent_group_member" (
        "group_id" uuid NOT NULL CONSTRAINT "agent_group_member_group_id_fkey" REFERENCES "agent_group" ("id"),
        "user_id" uuid NOT NULL CONSTRAINT "agent_group_member_user_id_fkey" REFERENCES "app_user" ("id"),
        CONSTRAINT "agent_group_member_pkey" PRIMARY KEY ("group_id", "user_id")
      )`);
    await queryRunner.query(
      `ALTER TABLE "ticket" ADD "group_id" uuid CONSTRAINT "ticket_group_id_fkey" REFERENCES "agent_group" ("id")`,
    );
    await queryRunner.query(`CREATE INDEX "ticket_group_idx" ON "ticket" ("group_id", "status")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ticket_group_idx"`);
    await queryRunner.query(`ALTER TABLE "ticket" DROP COLUMN "group_id"`);
    await queryRunner.query(`DROP TABLE "agent_group_member"`);
    await queryRunner.query(`DROP TABLE "agent_group"`);
  }
}
