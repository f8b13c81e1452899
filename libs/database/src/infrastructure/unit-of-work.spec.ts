import { DataSource } from 'typeorm';

import { dataSourceOptionsFor } from '../data-source-options';
import { managerOf, runnerOf, UnitOfWork } from './unit-of-work';

describe('the unit of work', () => {
  let dataSource: DataSource;
  let unitOfWork: UnitOfWork;
  const amounts = async () =>
    ((await dataSource.query(`SELECT amount FROM ledger ORDER BY amount`)) as Array<{ amount: number }>).map(
      (row) => row.amount,
    );

  beforeAll(async () => {
    dataSource = await new DataSource(
      await dataSourceOptionsFor({ kind: 'pglite', dataDir: 'memory://' }),
    ).initialize();
    await dataSource.query(`CREATE TABLE ledger (amount int NOT NULL)`);
    unitOfWork = new UnitOfWork(dataSource);
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  beforeEach(async () => {
    await dataSource.query(`DELETE FROM ledger`);
  });

  it('commits what repositories wrote through its transaction when the work resolves', async () => {
    const result = await unitOfWork.run(async (transaction) => {
      await managerOf(transaction).query(`INSERT INTO ledger (amount) VALUES (100)`);
      await runnerOf(transaction, dataSource).query(`INSERT INTO ledger (amount) VALUES (200)`);
      return 'done';
    });
    expect(result).toBe('done');
    expect(await amounts()).toEqual([100, 200]);
  });

  it('rolls every write back when the work throws, and passes the error on', async () => {
    await expect(
      unitOfWork.run(async (transaction) => {
        await managerOf(transaction).query(`INSERT INTO ledger (amount) VALUES (100)`);
        throw new Error('business rule broken');
      }),
    ).rejects.toThrow('business rule broken');
    expect(await amounts()).toEqual([]);
  });

  it('without a transaction, a repository writes on its own (autocommit)', async () => {
    await runnerOf(undefined, dataSource).query(`INSERT INTO ledger (amount) VALUES (300)`);
    expect(await amounts()).toEqual([300]);
  });
});
