import { DataSource } from 'typeorm';

import { dataSourceOptionsFor } from '../data-source-options';

describe('the PGlite driver for TypeORM', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await new DataSource(
      await dataSourceOptionsFor({ kind: 'pglite', dataDir: 'memory://' }),
    ).initialize();
    await dataSource.query(`CREATE TABLE ledger (id int PRIMARY KEY, amount int NOT NULL, booked_on date)`);
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  beforeEach(async () => {
    await dataSource.query(`DELETE FROM ledger`);
  });

  it('keeps concurrent transactions apart: a rollback in one never undoes the other', async () => {
    let releaseFirst!: () => void;
    const firstMayFinish = new Promise<void>((resolve) => (releaseFirst = resolve));

    const failing = dataSource.transaction(async (manager) => {
      await manager.query(`INSERT INTO ledger (id, amount) VALUES (1, 100)`);
      await firstMayFinish;
      throw new Error('business rule broken');
    });
    const succeeding = dataSource.transaction(async (manager) => {
      await manager.query(`INSERT INTO ledger (id, amount) VALUES (2, 200)`);
    });
    releaseFirst();

    await expect(failing).rejects.toThrow('business rule broken');
    await succeeding;
    expect(await dataSource.query(`SELECT id, amount FROM ledger ORDER BY id`)).toEqual([{ id: 2, amount: 200 }]);
  });

  it('reports affected rows for UPDATE and DELETE as node-postgres does', async () => {
    await dataSource.query(`INSERT INTO ledger (id, amount) VALUES (1, 1), (2, 2), (3, 3)`);
    const update = await dataSource.createQueryBuilder().update('ledger').set({ amount: 0 }).where('id < 3').execute();
    expect(update.affected).toBe(2);
    const removal = await dataSource.createQueryBuilder().delete().from('ledger').where('id = 3').execute();
    expect(removal.affected).toBe(1);
  });

  it('returns date columns as calendar-date strings and bigint counts as strings', async () => {
    await dataSource.query(`INSERT INTO ledger (id, amount, booked_on) VALUES ($1, $2, $3)`, [1, 5, '2026-05-06']);
    const [row] = await dataSource.query(`SELECT booked_on, count(*) AS entries FROM ledger GROUP BY booked_on`);
    expect(row).toEqual({ booked_on: '2026-05-06', entries: '1' });
  });

  it('gives the connection back when a query fails inside a transaction', async () => {
    await expect(
      dataSource.transaction(async (manager) => {
        await manager.query(`INSERT INTO ledger (id, amount) VALUES (1, 1)`);
        await manager.query(`INSERT INTO ledger (id, amount) VALUES (1, 1)`);
      }),
    ).rejects.toThrow(/duplicate key/);
    expect(await dataSource.query(`SELECT count(*)::int AS n FROM ledger`)).toEqual([{ n: 0 }]);
  });
});
