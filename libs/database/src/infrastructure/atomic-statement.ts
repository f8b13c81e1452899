/** Anything that runs one parameterised statement: a DataSource or a transaction's EntityManager. */
export interface StatementRunner {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/**
 * Several writes joined into one statement of data-modifying CTEs. Postgres runs a statement
 * atomically, so the writes commit together without BEGIN/COMMIT, in one round trip instead of
 * one per write plus two: on a busy intake path the round trips, not the SQL, are the cost.
 *
 * Each part numbers its own parameters from `$1`; they are renumbered when joined, so parts
 * written by different modules compose. A part must not hold `$<digit>` outside a parameter.
 * Parts cannot see each other's rows except through their CTE names, and Postgres does not
 * promise an order among them: only combine writes that do not read one another's tables.
 */
export class AtomicStatement {
  private readonly parts: Array<{ name: string; sql: string }> = [];
  private readonly parameters: unknown[] = [];

  /** Adds `name AS (sql)`; returns the name, for later parts that select from it. */
  with(name: string, sql: string, parameters: readonly unknown[] = []): string {
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Invalid CTE name "${name}"`);
    if (this.parts.some((part) => part.name === name)) throw new Error(`CTE "${name}" added twice`);
    this.parts.push({ name, sql: this.renumbered(sql, parameters) });
    return name;
  }

  /** A name not yet used, for parts that may be added more than once (`audit_1`, `audit_2`…). */
  uniqueName(prefix: string): string {
    let index = 1;
    while (this.parts.some((part) => part.name === `${prefix}_${index}`)) index += 1;
    return `${prefix}_${index}`;
  }

  get isEmpty(): boolean {
    return this.parts.length === 0;
  }

  /** Runs every part and then `select` (which may read the parts' RETURNING rows); returns its rows. */
  async run<Row = Record<string, unknown>>(
    runner: StatementRunner,
    select = 'SELECT 1',
    parameters: readonly unknown[] = [],
  ): Promise<Row[]> {
    const tail = this.renumbered(select, parameters);
    const sql = this.isEmpty
      ? tail
      : `WITH ${this.parts.map((part) => `${part.name} AS (${part.sql})`).join(',\n')}\n${tail}`;
    return (await runner.query(sql, [...this.parameters])) as Row[];
  }

  private renumbered(sql: string, parameters: readonly unknown[]): string {
    const offset = this.parameters.length;
    const text = sql.replace(/\$(\d+)/g, (_, digits: string) => {
      const index = Number(digits);
      if (index < 1 || index > parameters.length) {
        throw new Error(`Parameter $${index} of a statement part has no value (${parameters.length} given)`);
      }
      return `$${index + offset}`;
    });
    this.parameters.push(...parameters);
    return text;
  }
}

/** Postgres refused a row that a unique constraint already holds (SQLSTATE 23505): someone else wrote it first. */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === '23505';
}
