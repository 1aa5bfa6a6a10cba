import { neutraliseFormula, restoreFormula } from './formula-cells';

describe('formula cells', () => {
  it('quotes cells a spreadsheet would run, and only those', () => {
    for (const cell of ['=1+1', '+1 555 0101', '-2', '@SUM(A1)', '\tx', '\rx'])
      expect(neutraliseFormula(cell)).toBe(`'${cell}`);
    for (const cell of ['Glasswing', '', "'quoted", ' =1', 'a=b']) expect(neutraliseFormula(cell)).toBe(cell);
  });

  it('round-trips through an import', () => {
    for (const cell of ['=1+1', '+1 555', 'plain', "'=x", "''-1", "it's", "'"])
      expect(restoreFormula(neutraliseFormula(cell))).toBe(cell);
  });
});
