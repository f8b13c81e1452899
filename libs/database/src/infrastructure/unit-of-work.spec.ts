import { DataSource } from 'typeorm';

import { dataSourceOptionsFor } from '../data-source-options';
import { missingReference } from './missing-reference';
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

  it('a write naming a row that does not exist is told as the field that named it', async () => {
    await dataSource.query(`CREATE TABLE app_person (id uuid PRIMARY KEY)`);
    await dataSource.query(`CREATE TABLE assignment (assignee_id uuid REFERENCES app_person (id))`);
    const refused = await unitOfWork
      .run((transaction) =>
        managerOf(transaction).query(`INSERT INTO assignment VALUES ('00000000-0000-4000-8000-000000000000')`),
      )
      .catch((error: unknown) => error);
    expect(missingReference(refused)).toEqual({ field: 'assigneeId', table: 'app_person' });
    expect(missingReference(new Error('other'))).toBeNull();
  });
});
