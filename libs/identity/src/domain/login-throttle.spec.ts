import { attemptVerdict, throttleVerdict } from './login-throttle';

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

describe('attemptVerdict', () => {
  const times = (count: number) => Array.from({ length: count }, (_, i) => ago(60 + i));

  it('refuses a stranger after 5 failures on one account from their address', () => {
    expect(attemptVerdict({ pair: times(4), address: times(4), unfamiliar: times(4) }, now)).toEqual({
      blocked: false,
    });
    expect(attemptVerdict({ pair: times(5), address: times(5), unfamiliar: times(5) }, now)).toMatchObject({
      blocked: true,
    });
  });

  it('lets the owner in from a familiar address while strangers elsewhere hammer the account', () => {
    // 200 failures from other addresses: they count against unfamiliar addresses only.
    expect(attemptVerdict({ pair: [], address: [], unfamiliar: [] }, now)).toEqual({ blocked: false });
    expect(attemptVerdict({ pair: [], address: [], unfamiliar: times(50) }, now)).toMatchObject({ blocked: true });
  });

  it('refuses an address that tried 30 accounts', () => {
    expect(attemptVerdict({ pair: [], address: times(30), unfamiliar: [] }, now)).toMatchObject({ blocked: true });
  });
});
