import { allFulfilled, Coalescer } from './coalescer';

function deferred() {
  let release!: () => void;
  const promise = new Promise<void>((resolve) => (release = resolve));
  return { promise, release };
}

/** A coalescer that records its batches and holds the first flush until `gate.release()`. */
function recording(maxBatch?: number) {
  const batches: number[][] = [];
  const gate = deferred();
  const coalescer = new Coalescer<number>(async (batch) => {
    batches.push(batch);
    if (batches.length === 1) await gate.promise;
    return allFulfilled(batch.length, undefined);
  }, maxBatch);
  return { batches, gate, coalescer };
}

describe('Coalescer', () => {
  it('flushes the first item at once and what arrives meanwhile as one batch', async () => {
    const { batches, gate, coalescer } = recording();
    const first = coalescer.add(1);
    expect(batches).toEqual([[1]]);
    const later = [coalescer.add(2), coalescer.add(3), coalescer.add(4)];
    gate.release();
    await Promise.all([first, ...later]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it('splits a long wait into batches of at most maxBatch', async () => {
    const { batches, gate, coalescer } = recording(2);
    const all = [1, 2, 3, 4, 5].map((item) => coalescer.add(item));
    gate.release();
    await Promise.all(all);
    expect(batches).toEqual([[1], [2, 3], [4, 5]]);
  });

  it('rejects the items of a failed batch with its error and goes on with the next', async () => {
    const gate = deferred();
    let calls = 0;
    const coalescer = new Coalescer<string>(async (batch) => {
      calls += 1;
      if (calls === 1) await gate.promise;
      if (batch.includes('bad')) throw new Error('refused');
      return allFulfilled(batch.length, undefined);
    });
    const first = coalescer.add('ok');
    const failed = [coalescer.add('bad'), coalescer.add('also in the batch')];
    gate.release();
    await expect(first).resolves.toBeUndefined();
    await expect(failed[0]).rejects.toThrow('refused');
    await expect(failed[1]).rejects.toThrow('refused');
    await expect(coalescer.add('after')).resolves.toBeUndefined();
  });

  it('settles each item with its own outcome when the flush reports them', async () => {
    const gate = deferred();
    let calls = 0;
    const coalescer = new Coalescer<number, number>(async (batch) => {
      calls += 1;
      if (calls === 1) await gate.promise;
      return batch.map((item): PromiseSettledResult<number> =>
        item < 0
          ? { status: 'rejected', reason: new Error(`${item} is negative`) }
          : { status: 'fulfilled', value: item * 2 },
      );
    });
    const first = coalescer.add(1);
    const rest = [coalescer.add(2), coalescer.add(-3), coalescer.add(4)];
    gate.release();
    await expect(first).resolves.toBe(2);
    await expect(rest[0]).resolves.toBe(4);
    await expect(rest[1]).rejects.toThrow('-3 is negative');
    await expect(rest[2]).resolves.toBe(8);
  });
});
