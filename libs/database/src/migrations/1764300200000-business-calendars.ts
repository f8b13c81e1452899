import type { MigrationInterface, QueryRunner } from 'typeorm';

// The built-in calendars as they were at this migration (frozen here: later code changes must not rewrite history).
const SEEDED = [
  {
    id: 'support-hours',
    name: 'サポート受付時間 (Support hours)',
    timeZone: 'Asia/Tokyo',
    weekly: {
      sunday: [],
      monday: [
        { start: '09:00', end: '12:00' },
        { start: '13:00', end: '17:00' },
      ],
      tuesday: [
        { start: '09:00', end: '12:00' },
        { start: '13:00', end: '17:00' },
      ],
      wednesday: [
        { start: '09:00', end: '12:00' },
        { start: '13:00', end: '17:00' },
      ],
      thursday: [
        { start: '09:00', end: '12:00' },
        { start: '13:00', end: '17:00' },
      ],
      friday: [
        { start: '09:00', end: '12:00' },
        { start: '13:00', end: '17:00' },
      ],
      saturday: [],
    },
    holidays: 'jp',
    closedDates: [],
    openDates: [],
  },
  {
    id: 'always-open',
    name: '24時間365日 (Always open)',
    timeZone: 'Asia/Tokyo',
    weekly: {
      sunday: [{ start: '00:00', end: '24:00' }],
      monday: [{ start: '00:00', end: '24:00' }],
      tuesday: [{ start: '00:00', end: '24:00' }],
      wednesday: [{ start: '00:00', end: '24:00' }],
      thursday: [{ start: '00:00', end: '24:00' }],
      friday: [{ start: '00:00', end: '24:00' }],
      saturday: [{ start: '00:00', end: '24:00' }],
    },
    holidays: 'none',
    closedDates: [],
    openDates: [],
  },
];

/** Business calendars as managers edit them; the two built-in ones are seeded. */
export class BusinessCalendars1764300200000 implements MigrationInterface {
  name = 'BusinessCalendars1764300200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "business_calendar" (
        "id" varchar(50) PRIMARY KEY,
        "name" varchar(200) NOT NULL,
        "definition" jsonb NOT NULL,
        "built_in" boolean NOT NULL DEFAULT false,
        "version" integer NOT NULL DEFAULT 1,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now()
      )`);
    for (const definition of SEEDED) {
      await queryRunner.query(
        `INSERT INTO "business_calendar" ("id", "name", "definition", "built_in") VALUES ($1, $2, $3, true)`,
        [definition.id, definition.name, JSON.stringify(definition)],
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "business_calendar"`);
  }
}
