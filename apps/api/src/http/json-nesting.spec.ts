import { jsonNestingDepth } from './json-nesting';

describe('jsonNestingDepth', () => {
  it.each([
    ['1', 0],
    ['{}', 1],
    ['{"a":[1,{"b":[]}]}', 4],
    ['{"a":"[[[[{{{{"}', 1],
    ['{"a":"\\"[[["}', 1],
    ['[[],[[]],[]]', 3],
  ])('%s nests %i deep', (text, depth) => {
    expect(jsonNestingDepth(text)).toBe(depth);
    expect(() => JSON.parse(text)).not.toThrow();
  });

  it('stops counting once past the limit', () => {
    expect(jsonNestingDepth('['.repeat(100_000), 32)).toBe(33);
  });
});
