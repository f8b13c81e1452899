import { distinctTagNames, tagName, tagNameProblem } from './ticket-tag';

describe('tag names', () => {
  it('folds full-width letters and spaces as Japanese input methods type them', () => {
    expect(tagName('　ＶＩＰ　 顧客 ')).toBe('VIP 顧客');
  });

  it('refuses empty names, names over 40 characters and commas', () => {
    expect(tagNameProblem('')).toBe('empty');
    expect(tagNameProblem('あ'.repeat(41))).toBe('too-long');
    expect(tagNameProblem('あ'.repeat(40))).toBeNull();
    expect(tagNameProblem('請求,返金')).toBe('comma');
    expect(tagNameProblem('請求、返金')).toBe('comma');
  });

  it('keeps the first spelling of names that differ only in case or width', () => {
    expect(distinctTagNames(['VIP', 'vip', 'ＶＩＰ', ' ', '請求'])).toEqual(['VIP', '請求']);
  });
});
