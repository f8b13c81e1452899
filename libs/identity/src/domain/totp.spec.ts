import { base32Decode, base32Encode, matchingTotpStep, otpauthUri, totpCode, totpStepAt } from './totp';

// RFC 6238 appendix B: the SHA-1 test secret and its 8-digit codes (we use the last 6 digits).
const RFC_SECRET = Buffer.from('12345678901234567890');

describe('TOTP (RFC 6238)', () => {
  it.each([
    [59, '287082'],
    [1111111109, '081804'],
    [1111111111, '050471'],
    [1234567890, '005924'],
    [2000000000, '279037'],
  ])('at %i s the code is %s, as in the RFC', (seconds, code) => {
    expect(totpCode(RFC_SECRET, totpStepAt(seconds * 1000))).toBe(code);
  });

  it('accepts the code of the step before and after, not two steps away', () => {
    const at = 1_796_000_000_000;
    const step = totpStepAt(at);
    expect(matchingTotpStep(RFC_SECRET, totpCode(RFC_SECRET, step), at)).toBe(step);
    expect(matchingTotpStep(RFC_SECRET, totpCode(RFC_SECRET, step - 1), at)).toBe(step - 1);
    expect(matchingTotpStep(RFC_SECRET, totpCode(RFC_SECRET, step + 1), at)).toBe(step + 1);
    expect(matchingTotpStep(RFC_SECRET, totpCode(RFC_SECRET, step - 2), at)).toBeNull();
    expect(matchingTotpStep(RFC_SECRET, totpCode(RFC_SECRET, step + 2), at)).toBeNull();
    expect(matchingTotpStep(RFC_SECRET, 'abcdef', at)).toBeNull();
    // Typed with a space in the middle, as apps show it.
    const code = totpCode(RFC_SECRET, step);
    expect(matchingTotpStep(RFC_SECRET, `${code.slice(0, 3)} ${code.slice(3)}`, at)).toBe(step);
  });

  it('encodes the secret in base32 for authenticator apps, and back', () => {
    expect(base32Encode(RFC_SECRET)).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(base32Decode('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ')).toEqual(RFC_SECRET);
    expect(otpauthUri(RFC_SECRET, 'admin@example.jp', 'Madoguchi')).toBe(
      'otpauth://totp/Madoguchi%3Aadmin%40example.jp?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Madoguchi&algorithm=SHA1&digits=6&period=30',
    );
  });
});
