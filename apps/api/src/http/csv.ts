import type { Options } from 'csv-stringify';

/** What spreadsheet programs read as a formula at the start of a cell (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A text cell as a spreadsheet may safely open it: one that would start a formula (`=`, `+`, `-`,
 * `@`, TAB, CR) gets a leading `'`, as OWASP recommends, so a name or User-Agent someone chose stays
 * text. Numbers are not strings and stay numbers.
 */
export function neutralizeFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** The options every CSV export writes with: UTF-8 with a BOM (Excel reads Japanese right), and safe text cells. */
export const CSV_OPTIONS = { bom: true, cast: { string: neutralizeFormula } } satisfies Options;
