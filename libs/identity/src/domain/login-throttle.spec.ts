import { throttleVerdict } from './login-throttle';

const rule = { maxFailures: 3, windowMs: 60_000 };
const now = new Date('2026-11-28T01:00:00Z');
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);

describe('throttleVerdict', () => {
  it('allows attempts while failures in the window are under the limit', () => {
    expect(throttleVerdict([ago(10), ago(20)], rule, now)).toEqual({ blocked: false });
    expect(throttleVerdict([ago(10), ago(20), ago(61)], rule, now)).toEqual({ blocked: false });
  });

  it('refuses at the limit until the oldest counted failure leaves the window', () => {
    expect(throttleVerdict([ago(10), ago(20), ago(50)], rule, now)).toEqual({ blocked: true, retryAfterSeconds: 10 });
  });

  it('with more failures than the limit, waits until only limit-1 remain', () => {
    expect(throttleVerdict([ago(5), ago(10), ago(20), ago(50)], rule, now)).toEqual({
      blocked: true,
      retryAfterSeconds: 40,
    });
  });
});
