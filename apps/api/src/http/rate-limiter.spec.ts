import { FixedWindowRateLimiter } from './rate-limiter';

describe('FixedWindowRateLimiter', () => {
  it('allows `limit` hits per window and per key, then says how long to wait', () => {
    const limiter = new FixedWindowRateLimiter(2, 60_000);
    expect(limiter.hit('a', 0)).toBe(0);
    expect(limiter.hit('a', 1_000)).toBe(0);
    expect(limiter.hit('a', 30_000)).toBe(30);
    expect(limiter.hit('b', 30_000)).toBe(0);
    expect(limiter.hit('a', 60_000)).toBe(0);
  });
});
