import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A caller's earlier calls, found by the digits of their number (`+81 3-1234-5678` and
 * `03-1234-5678` alike), as the ticket phone index reads them.
 */
export class CallerLookup1764303600000 implements MigrationInterface {
  name = 'CallerLookup1764303600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "telephony_call_caller_digits_idx" ON "telephony_call" (
         (regexp_replace(regexp_replace("caller_number", '[^0-9]', '', 'g'), '^81(?=[0-9]{9})', '0')), "entered_at")
         WHERE "caller_number" IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "telephony_call_caller_digits_idx"`);
  }
}
