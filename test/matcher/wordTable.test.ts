import { WordTable } from '../../src/matcher/wordTable';

describe('a word table', () => {
  it('finds each word it was given with its number, and no other word', () => {
    const table = new WordTable();
    table.add('充值', 5.5);
    table.add('充', 3);
    table.add('充值卡', 9.25);
    table.add('😀', 1);
    table.seal();
    expect(table.get('充值')).toBe(5.5);
    expect(table.get('充')).toBe(3);
    expect(table.get('充值卡')).toBe(9.25);
    expect(table.get('😀')).toBe(1);
    expect(table.get('值')).toBeUndefined();
    expect(table.get('充值了')).toBeUndefined();
    expect(table.get('')).toBeUndefined();
  });

  it('holds as many words as it is given', () => {
    const table = new WordTable();
    for (let i = 0; i < 50_000; i++) table.add(`词${i}`, i / 7);
    table.seal();
    for (let i = 0; i < 50_000; i += 997) expect(table.get(`词${i}`)).toBe(i / 7);
    expect(table.get('词50000')).toBeUndefined();
  });
});
