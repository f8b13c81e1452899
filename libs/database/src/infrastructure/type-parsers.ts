import { types as pgliteTypes } from '@electric-sql/pglite';
import { types as pgTypes } from 'pg';

const DATE_OID = 1082;
const INT8_OID = 20;

/**
 * Both drivers return the same JavaScript values: `date` columns as 'YYYY-MM-DD' strings (a
 * calendar date has no time zone) and int8 as strings, as node-postgres does (they may exceed
 * 2^53). Code that needs a number converts explicitly.
 */
export const pgliteParsers = {
  [pgliteTypes.DATE]: (value: string) => value,
  [pgliteTypes.INT8]: (value: string) => value,
};

let configured = false;
export function configurePgTypeParsers(): void {
  if (configured) return;
  pgTypes.setTypeParser(DATE_OID, (value: string) => value);
  pgTypes.setTypeParser(INT8_OID, (value: string) => value);
  configured = true;
}
