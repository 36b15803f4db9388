import type { Entity } from '../model/gazette.model';
import { findDates, isValidDate } from './date.pattern';

function dates(text: string, year: number | null = 2023): Entity[] {
  const found = findDates(text, year);
  for (const e of found) expect(text.slice(e.start, e.end)).toBe(e.text);
  return found;
}

const values = (text: string, year: number | null = 2023): (string | number | null | undefined)[] =>
  dates(text, year).map((e) => e.value);

describe('findDates', () => {
  it('reads a full date with its offsets', () => {
    const [d] = dates('本通知于2023年4月18日印发。');
    expect(d).toMatchObject({ type: 'date', text: '2023年4月18日', start: 4, end: 14, value: '2023-04-18' });
  });

  it('tolerates spaces and a line break between the parts', () => {
    expect(dates('2023 年 4\n月 18 日')).toEqual([
      { type: 'date', text: '2023 年 4\n月 18 日', start: 0, end: 15, value: '2023-04-18' },
    ]);
  });

  it('reads dates written in Chinese numerals', () => {
    expect(values('二〇二三年四月十八日')).toEqual(['2023-04-18']);
    expect(values('二○二二年十二月三十一日')).toEqual(['2022-12-31']);
    expect(values('于四月十八日召开')).toEqual(['2023-04-18']);
  });

  it('reads dotted, hyphenated and slashed dates', () => {
    expect(values('2023.4.18')).toEqual(['2023-04-18']);
    expect(values('日期：2023-04-18。')).toEqual(['2023-04-18']);
    expect(values('2023/4/8')).toEqual(['2023-04-08']);
  });

  it('reads a month as YYYY-MM', () => {
    expect(values('退休待遇从 2023 年 4\n月起执行')).toEqual(['2023-04']);
  });

  it('reads the year-month ranges of project tables as two months', () => {
    const found = dates('新建\t2023.4-2023.12\t农业农村局');
    expect(found.map((e) => [e.text, e.value])).toEqual([
      ['2023.4', '2023-04'],
      ['2023.12', '2023-12'],
    ]);
  });

  it('resolves a month-day against the context year, or leaves its value null', () => {
    expect(values('经11月24日市人民政府党组会议研究')).toEqual(['2023-11-24']);
    expect(values('经11月24日市人民政府党组会议研究', null)).toEqual([null]);
    expect(values('(10月9日-10月11日)')).toEqual(['2023-10-09', '2023-10-11']);
  });

  it('reports the full date, not the month-day inside it', () => {
    expect(dates('2022 年 11 月 24 日').map((e) => e.text)).toEqual(['2022 年 11 月 24 日']);
  });

  it.each([
    ['digits of a code', 'HYKJ2021-25 号'],
    ['a standard number', '（建标110-2021）'],
    ['a longer number', '12023年4月'],
    ['a month range', '2023年1-6月'],
    ['an impossible day', '2023年2月30日'],
    ['a version number', '版本 2020.1.2.3'],
    ['a decimal', '增长 2023.4%'],
    ['a year alone', '2023年'],
    ['a duration', '为期12个月'],
  ])('emits nothing for %s', (_label, text) => {
    expect(dates(text)).toEqual([]);
  });
});

describe('isValidDate', () => {
  it('knows leap years', () => {
    expect(isValidDate(2024, 2, 29)).toBe(true);
    expect(isValidDate(2023, 2, 29)).toBe(false);
    expect(isValidDate(2000, 2, 29)).toBe(true);
    expect(isValidDate(1900, 2, 29)).toBe(false);
  });
});
