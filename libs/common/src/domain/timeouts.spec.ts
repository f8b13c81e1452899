import { settlesWithin, withTimeout } from './timeouts';

const after = <T>(ms: number, value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));

describe('bounded waits', () => {
  it('withTimeout passes on what settles in time, and rejects with the message when it does not', async () => {
    await expect(withTimeout(after(5, 'answer'), 200, 'too slow')).resolves.toBe('answer');
    await expect(withTimeout(Promise.reject(new Error('refused')), 200, 'too slow')).rejects.toThrow('refused');
    await expect(withTimeout(after(200, 'late'), 10, 'no answer within 10 ms')).rejects.toThrow(
      'no answer within 10 ms',
    );
  });

  it('settlesWithin says whether the work settled in time, a failure counting as settled', async () => {
    expect(await settlesWithin(after(5, 1), 200)).toBe(true);
    expect(await settlesWithin(Promise.reject(new Error('refused')), 200)).toBe(true);
    expect(await settlesWithin(after(200, 1), 10)).toBe(false);
  });
});
