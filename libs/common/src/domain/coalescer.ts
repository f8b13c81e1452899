interface Waiting<T, R> {
  item: T;
  resolve: (value: R) => void;
  reject: (reason: unknown) => void;
}

/**
 * Batches work that arrives while earlier work is in flight. An item is flushed at once when no
 * flush is running; items added meanwhile wait for it to finish and then go together, up to
 * `maxBatch` at a time. So an idle system pays no delay, and a busy one pays one
 * round trip per batch instead of per item.
 * `flush` reports each item's own outcome (so one bad item need not fail the others); if it throws,
 * every item of its batch is rejected with that error.
 */
export class Coalescer<T, R = void> {
  private waiting: Array<Waiting<T, R>> = [];
  private draining = false;

  constructor(
    private readonly flush: (batch: T[]) => Promise<Array<PromiseSettledResult<R>>>,
    private readonly maxBatch = 500,
  ) {}

  add(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (!this.draining) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.waiting.length > 0) {
        const batch = this.waiting.splice(0, this.maxBatch);
        try {
          const outcomes = await this.flush(batch.map((waiting) => waiting.item));
          batch.forEach((waiting, index) => {
            const outcome = outcomes[index];
            if (outcome?.status === 'fulfilled') waiting.resolve(outcome.value);
            else waiting.reject(outcome ? outcome.reason : new Error('The batch reported no outcome for this item'));
          });
        } catch (error) {
          for (const waiting of batch) waiting.reject(error ?? new Error('The batch failed'));
        }
      }
    } finally {
      this.draining = false;
    }
  }
}

/** Every item of a batch succeeded with `value`. */
export function allFulfilled<R>(count: number, value: R): Array<PromiseSettledResult<R>> {
  return Array.from({ length: count }, () => ({ status: 'fulfilled', value }));
}
