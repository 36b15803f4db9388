import { parseChineseNumeral } from './chinese-numeral';

describe('parseChineseNumeral', () => {
  it.each([
    ['二〇二三', 2023],
    ['二○二三', 2023],
    ['二零二三', 2023],
    ['一九九八', 1998],
    ['十', 10],
    ['十一', 11],
    ['二十四', 24],
    ['三十一', 31],
    ['两', 2],
    ['百', 100],
    ['一百零五', 105],
    ['一千零一十', 1010],
    ['三千五百万', 35_000_000],
    ['一亿二千万', 120_000_000],
    ['壹佰贰拾', 120],
    ['三点五', 3.5],
    ['零点五', 0.5],
    ['1.5万', 15_000],
    ['1.05亿', 105_000_000],
    ['二 十', 20],
  ])('%s → %d', (text, expected) => {
    expect(parseChineseNumeral(text)).toBe(expected);
  });

  it.each(['', '   ', 'abc', '年', '二三十', '三点', '十x'])('rejects %j', (text) => {
    expect(parseChineseNumeral(text)).toBeNull();
  });
});
