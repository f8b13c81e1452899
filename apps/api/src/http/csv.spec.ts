import { stringify } from 'csv-stringify/sync';

import { CSV_OPTIONS, neutralizeFormula } from './csv';

describe('CSV cells', () => {
  it('turns what would start a formula into text, and leaves the rest alone', () => {
    for (const formula of ['=HYPERLINK("http://evil.example","x")', '+81 3', '-1+2', '@SUM(A1)', '\tx', '\rx'])
      expect(neutralizeFormula(formula)).toBe(`'${formula}`);
    expect(neutralizeFormula('株式会社さくら商事')).toBe('株式会社さくら商事');
    expect(neutralizeFormula('a=b')).toBe('a=b');
  });

  it('keeps numbers numbers, and quotes what CSV needs quoted', () => {
    expect(stringify([[-5, 0.25, '=1+1', 'a,b']], { ...CSV_OPTIONS, bom: false })).toBe(`-5,0.25,'=1+1,"a,b"\n`);
  });
});
