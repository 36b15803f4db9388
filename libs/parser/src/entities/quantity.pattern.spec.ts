import type { Entity } from '../model/gazette.model';
import { findAreas, findMoney, findPercentages, scaleDecimal } from './quantity.pattern';

function checked(text: string, found: Entity[]): Entity[] {
  for (const e of found) expect(text.slice(e.start, e.end)).toBe(e.text);
  return found;
}

const money = (text: string): Entity[] => checked(text, findMoney(text));
const areas = (text: string): Entity[] => checked(text, findAreas(text));
const percentages = (text: string): Entity[] => checked(text, findPercentages(text));

describe('scaleDecimal', () => {
  it('scales without binary rounding', () => {
    expect(scaleDecimal('8064.6729', 4)).toBe(80646729);
    expect(scaleDecimal('1.05', 8)).toBe(105000000);
    expect(scaleDecimal('1,200.5', 0)).toBe(1200.5);
  });
});

describe('findMoney', () => {
  it('gives the amount in yuan with the unit as printed', () => {
    expect(money('土地评估价为 8064.6729 万元。')).toEqual([
      { type: 'money', text: '8064.6729 万元', start: 7, end: 19, value: 80646729, unit: '万元' },
    ]);
    expect(money('投资17000万元').map((e) => e.value)).toEqual([170_000_000]);
    expect(money('1.5 亿元').map((e) => [e.value, e.unit])).toEqual([[150_000_000, '亿元']]);
    expect(money('合计1,200元').map((e) => e.value)).toEqual([1200]);
    expect(money('五千万元').map((e) => e.value)).toEqual([50_000_000]);
  });

  it('keeps the printed number for a price per unit', () => {
    expect(money('补助标准200元/亩。').map((e) => [e.text, e.value, e.unit])).toEqual([['200元/亩', 200, '元/亩']]);
    expect(money('0.9元/棒').map((e) => [e.value, e.unit])).toEqual([[0.9, '元/棒']]);
    expect(money('5万元/户').map((e) => [e.value, e.unit])).toEqual([[5, '万元/户']]);
  });

  it.each([
    ['a name ending in 三元', '自然人高三元持股'],
    ['a vague amount', '数百万元'],
    ['digits inside a code', 'A12元'],
  ])('ignores %s', (_label, text) => {
    expect(money(text)).toEqual([]);
  });
});

describe('findAreas', () => {
  it.each([
    ['面积为 26356.26 平方米。', '26356.26 平方米', 26356.26, '平方米'],
    ['流转土地6000 亩', '6000 亩', 6000, '亩'],
    ['占地1.6 公顷', '1.6 公顷', 1.6, '公顷'],
    ['建筑面积138580 m²', '138580 m²', 138580, 'm²'],
    ['总面积444.77km²', '444.77km²', 444.77, 'km²'],
    ['种植3万亩', '3万亩', 3, '万亩'],
    ['辖区面积 1300 平方公里', '1300 平方公里', 1300, '平方公里'],
  ])('%s', (text, printed, value, unit) => {
    expect(areas(text).map((e) => [e.text, e.value, e.unit])).toEqual([[printed, value, unit]]);
  });

  it.each([
    ['a price per mu', '补助200元/亩'],
    ['a yield per mu', '平均500亩产'],
    ['a code', 'XC-79亩'],
  ])('ignores %s', (_label, text) => {
    expect(areas(text)).toEqual([]);
  });
});

describe('findPercentages', () => {
  it('reads digits and written-out percentages', () => {
    expect(percentages('覆盖率达到35%，增长7.8%，不低于50％').map((e) => [e.text, e.value])).toEqual([
      ['35%', 35],
      ['7.8%', 7.8],
      ['50％', 50],
    ]);
    expect(percentages('百分之五、百分之零点五、百分之百').map((e) => e.value)).toEqual([5, 0.5, 100]);
  });

  it('does not read the tail of a code', () => {
    expect(percentages('V2.5%')).toEqual([]);
  });
});
