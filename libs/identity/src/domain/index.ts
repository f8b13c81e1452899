/** Identity's rules without Nest or the database: TOTP (for tools and tests that compute codes). */
export { base32Decode, base32Encode, totpCode, totpStepAt } from './totp';
