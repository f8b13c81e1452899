import { AtomicStatement, type StatementRunner } from './atomic-statement';

function recorder() {
  const calls: Array<{ sql: string; parameters: unknown[] }> = [];
  const runner: StatementRunner = {
    query: async (sql, parameters = []) => {
      calls.push({ sql, parameters });
      return [{ ok: true }];
    },
  };
  return { calls, runner };
}

describe('AtomicStatement', () => {
  it('joins the parts into one WITH statement, renumbering each part’s parameters', async () => {
    const { calls, runner } = recorder();
    const statement = new AtomicStatement();
    const ticket = statement.with('t', 'INSERT INTO t (a, b) VALUES ($1, $2) RETURNING id', ['a', 'b']);
    statement.with('m', `INSERT INTO m (t, c) SELECT id, $1 FROM ${ticket}`, ['c']);
    const rows = await statement.run(runner, 'SELECT id, $1::int AS n FROM t', [7]);
    expect(rows).toEqual([{ ok: true }]);
    expect(calls).toEqual([
      {
        sql:
          'WITH t AS (INSERT INTO t (a, b) VALUES ($1, $2) RETURNING id),\n' +
          'm AS (INSERT INTO m (t, c) SELECT id, $3 FROM t)\n' +
          'SELECT id, $4::int AS n FROM t',
        parameters: ['a', 'b', 'c', 7],
      },
    ]);
  });

  it('renumbers $10 and above as one parameter', async () => {
    const { calls, runner } = recorder();
    const statement = new AtomicStatement();
    statement.with('first', 'SELECT $1', ['x']);
    const many = Array.from({ length: 10 }, (_, index) => index);
    statement.with('second', `SELECT ${many.map((index) => `$${index + 1}`).join(', ')}`, many);
    await statement.run(runner);
    expect(calls[0]!.sql).toContain('second AS (SELECT $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)');
    expect(calls[0]!.parameters).toEqual(['x', ...many]);
  });

  it('refuses a parameter without a value, a repeated name and a name that is not an identifier', () => {
    const statement = new AtomicStatement();
    expect(() => statement.with('a', 'SELECT $2', ['only one'])).toThrow('Parameter $2');
    statement.with('b', 'SELECT 1');
    expect(() => statement.with('b', 'SELECT 2')).toThrow('added twice');
    expect(() => statement.with('x; DROP', 'SELECT 1')).toThrow('Invalid CTE name');
  });

  it('gives unique names to parts added more than once', () => {
    const statement = new AtomicStatement();
    statement.with(statement.uniqueName('audit'), 'SELECT 1');
    expect(statement.uniqueName('audit')).toBe('audit_2');
  });
});
