import type { EntityManager } from 'typeorm';

/**
 * Runs an UPDATE/DELETE … RETURNING and gives its rows. Wrapped in a CTE so that every driver
 * (pg, PGlite) answers it like a SELECT, with rows and nothing else.
 */
export async function changedRows<Row>(manager: EntityManager, sql: string, parameters: unknown[]): Promise<Row[]> {
  return (await manager.query(`WITH changed AS (${sql}) SELECT * FROM changed`, parameters)) as Row[];
}
