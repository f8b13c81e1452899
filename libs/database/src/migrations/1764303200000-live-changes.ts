import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Live desks: every change to a ticket (a new ticket, a message — which bumps `updated_at` —, an
 * assignment, a status) and every new notification is announced on a NOTIFY channel. NOTIFY is
 * transactional: listeners hear of a change when it commits, never of a rolled-back one, and in
 * every API process listening on the database. Triggers rather than calls in the services, so that
 * no writer (imports, auto-close, mail intake) can forget to announce.
 */
export class LiveChanges1764303200000 implements MigrationInterface {
  name = 'LiveChanges1764303200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Only what a desk needs to decide whether the change concerns its list; the page reads the rest.
    await queryRunner.query(
      `CREATE FUNCTION "announce_ticket_change"() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         PERFORM pg_notify('madoguchi_ticket', json_build_object(
           'id', NEW.id, 'created', TG_OP = 'INSERT', 'status', NEW.status,
           'assigneeId', NEW.assignee_id, 'groupId', NEW.group_id)::text);
         RETURN NULL;
       END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "ticket_announce_change" AFTER INSERT OR UPDATE ON "ticket"
       FOR EACH ROW EXECUTE FUNCTION "announce_ticket_change"()`,
    );
    await queryRunner.query(
      `CREATE FUNCTION "announce_notification"() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         PERFORM pg_notify('madoguchi_notification', json_build_object('userId', NEW.user_id)::text);
         RETURN NULL;
       END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "notification_announce" AFTER INSERT ON "notification"
       FOR EACH ROW EXECUTE FUNCTION "announce_notification"()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "notification_announce" ON "notification"`);
    await queryRunner.query(`DROP FUNCTION "announce_notification"()`);
    await queryRunner.query(`DROP TRIGGER "ticket_announce_change" ON "ticket"`);
    await queryRunner.query(`DROP FUNCTION "announce_ticket_change"()`);
  }
}
