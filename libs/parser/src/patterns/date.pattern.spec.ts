import { normaliseLineText, squash } from '../normalise/char-normaliser';
import { findDate, isoDate, matchDateLine } from './date.pattern';

describe('isoDate', () => {
  it('pads month and day', () => {
    expect(isoDate(2023, 4, 8)).toBe('2023-04-08');
    expect(isoDate(2023, 12, 31)).toBe('2023-12-31');
  });

  it.each([
    [1899, 1, 1],
    [2201, 1, 1],
    [2023, 0, 1],
    [2023, 13, 1],
    [2023, 1, 0],
    [2023, 1, 32],
  ])('rejects %i-%i-%i', (y, m, d) => {
    expect(isoDate(y, m, d)).toBeNull();
  });

  it('accepts 29 February of a leap year', () => {
    expect(isoDate(2024, 2, 29)).toBe('2024-02-29');
  });

  it.each([
    [2023, 2, 30],
    [2023, 2, 29],
    [2023, 4, 31],
    [2100, 2, 29],
  ])('rejects the day the month does not have: %i-%i-%i', (y, m, d) => {
    expect(isoDate(y, m, d)).toBeNull();
  });
});

describe('matchDateLine', () => {
  it.each([
    ['2023年4月18日', '2023-04-18'],
    ['2023年04月08日', '2023-04-08'],
    ['二〇二三年四月十八日', '2023-04-18'],
    ['二○二三年十二月三十一日', '2023-12-31'],
    ['二零二二年十一月七日', '2022-11-07'],
    ['2023年四月十八日', '2023-04-18'],
    ['2022年11月7日', '2022-11-07'],
  ])('reads the signature date %s', (line, expected) => {
    expect(matchDateLine(line)).toBe(expected);
  });

  it.each([
    ['2023年4月18日印发', 'text after the date'],
    ['截至2023年4月18日', 'text before the date'],
    ['2023年4月', 'no day'],
    ['2023年4月18号', '号 for 日'],
    ['2023.4.18', 'dotted'],
    ['2023-04-18', 'ISO'],
    ['23年4月18日', 'a two-digit year'],
    ['2023年13月1日', 'month 13'],
    ['二〇二三年二十月一日', 'month 20'],
    ['1899年1月1日', 'before 1900'],
    ['2023 年 4 月 18 日', 'a line that was not squashed'],
  ])('rejects %s (%s)', (line) => {
    expect(matchDateLine(line)).toBeNull();
  });

  it.each([['二Ｏ二三年四月十八日'], ['二O二三年四月十八日'], ['二o二三年四月十八日']])(
    'reads a zero typed as a letter O: %s',
    (line) => {
      expect(matchDateLine(line)).toBe('2023-04-18');
    },
  );

  it('reads a zero typed as full-width Ｏ once the line is normalised (to a Latin O)', () => {
    expect(matchDateLine(squash(normaliseLineText('二Ｏ二三年四月十八日')))).toBe('2023-04-18');
  });

  it('rejects an impossible date', () => {
    expect(matchDateLine('2023年2月30日')).toBeNull();
  });
});

describe('findDate', () => {
  it('gives the ISO date, where it starts and how long it is', () => {
    expect(findDate('截至2023年4月18日止')).toEqual({ iso: '2023-04-18', index: 2, length: 10 });
    expect(findDate('于二〇二三年十二月三十一日前完成')).toEqual({ iso: '2023-12-31', index: 1, length: 12 });
  });

  it('gives the first of several dates', () => {
    expect(findDate('2023年4月18日至2023年5月1日')?.iso).toBe('2023-04-18');
  });

  it('finds nothing without a full date', () => {
    expect(findDate('2023年4月起执行')).toBeNull();
    expect(findDate('4月18日')).toBeNull();
  });

  it('skips an impossible date and gives the next', () => {
    expect(findDate('2023年13月1日，2023年4月18日')).toEqual({ iso: '2023-04-18', index: 11, length: 10 });
    expect(findDate('2023年2月30日至2023年3月1日')?.iso).toBe('2023-03-01');
    expect(findDate('2023年2月30日')).toBeNull();
  });
});
