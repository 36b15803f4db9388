import type { Entity } from '../model/gazette.model';
import { squash } from './char-class';
import { parseChineseNumeral } from './chinese-numeral';

/**
 * Amounts of money, land areas and percentages. The number must start a numeric token (no digit,
 * letter or decimal point on its left) so that parts of codes and dates are not read as amounts.
 */

const NUMBER = '(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?';
/** Not the tail of a number or a code ("XC-79"); the second half of a range ("10-20亩") is kept. */
const NOT_AFTER_NUMBER = '(?<![0-9A-Za-z.．,])(?<![A-Za-z][-－])';

/** Plain currency units and the power of ten that turns them into the base unit. */
const CURRENCY_POWER: Readonly<Record<string, number>> = {
  元: 0,
  千元: 3,
  万元: 4,
  百万元: 6,
  千万元: 7,
  亿元: 8,
  万亿元: 12,
  美元: 0,
  万美元: 4,
  亿美元: 8,
  欧元: 0,
  万欧元: 4,
};
const CURRENCY_UNITS = '万亿元|千万元|百万元|亿美元|万美元|万欧元|亿元|万元|千元|美元|欧元|元';
/** What a price is per: common measure words first so "元/平方米" is not cut at one character. */
const PER_UNIT =
  '平方米|平米|立方米|公里|千米|千克|公斤|千瓦时|人次|小时|m²|㎡|m³|kg|吨|亩|人|户|年|月|天|日|次|棒|个|件|台|辆|头|只|株|斤|米|度|床|套|间|张|份|瓶|盒|袋|箱|车|趟|项|本|[\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff]';

const MONEY_RE = new RegExp(
  `${NOT_AFTER_NUMBER}(${NUMBER})\\s{0,3}(${CURRENCY_UNITS})(?:\\s{0,2}([/／]\\s{0,2}(?:${PER_UNIT})(?:[·•](?:${PER_UNIT}))?))?`,
  'g',
);
/** Written-out amounts only with 万元/亿元: a bare "三元" is as often a name (高三元) as money. */
const CHINESE_MONEY_RE = /(?<![数几上近])([零〇一二三四五六七八九十百千两]{1,8})(万亿元|亿元|万元)/g;

const AREA_UNITS = '万平方公里|平方公里|平方千米|万平方米|平方米|平米|万公顷|公顷|万亩|亩|km²|km2|k㎡|㎞²|㎞2|m²|㎡|m2';
const AREA_RE = new RegExp(`${NOT_AFTER_NUMBER}(${NUMBER})\\s{0,3}(${AREA_UNITS})(?![0-9A-Za-z²产均])`, 'g');

const PERCENT_RE = new RegExp(`${NOT_AFTER_NUMBER}(${NUMBER})\\s{0,2}[%％]`, 'g');
const CHINESE_PERCENT_RE = /百分之([零〇一二三四五六七八九十百千两点]{1,8})/g;

/** A decimal string scaled by 10^power without binary rounding errors (8064.6729 万 → 80646729). */
export function scaleDecimal(digits: string, power: number): number {
  return Number(`${digits.replace(/,/g, '')}e${power}`);
}

function entity(type: Entity['type'], m: RegExpExecArray, value: number, unit?: string): Entity {
  const e: Entity = { type, text: m[0], start: m.index, end: m.index + m[0].length, value };
  if (unit !== undefined) e.unit = unit;
  return e;
}

function each(re: RegExp, text: string, visit: (m: RegExpExecArray) => void): void {
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) visit(m);
}

/**
 * Money: value in the base unit (yuan) for a plain currency unit; for a price per something
 * ("200元/亩") the number as printed, since a rate has no single base amount.
 */
export function findMoney(text: string): Entity[] {
  const out: Entity[] = [];
  each(MONEY_RE, text, (m) => {
    const unit = squash(m[2] + (m[3] ?? ''));
    const power = CURRENCY_POWER[m[2]];
    const value = m[3] ? scaleDecimal(m[1], 0) : scaleDecimal(m[1], power);
    out.push(entity('money', m, value, unit));
  });
  each(CHINESE_MONEY_RE, text, (m) => {
    const n = parseChineseNumeral(m[1]);
    if (n === null || n === 0) return;
    out.push(entity('money', m, scaleDecimal(String(n), CURRENCY_POWER[m[2]]), m[2]));
  });
  return out.sort((a, b) => a.start - b.start);
}

/** Areas: value is the number as printed, `unit` says what it counts (亩, 万亩, 平方米…). */
export function findAreas(text: string): Entity[] {
  const out: Entity[] = [];
  each(AREA_RE, text, (m) => out.push(entity('area', m, scaleDecimal(m[1], 0), m[2])));
  return out;
}

export function findPercentages(text: string): Entity[] {
  const out: Entity[] = [];
  each(PERCENT_RE, text, (m) => out.push(entity('percentage', m, scaleDecimal(m[1], 0))));
  each(CHINESE_PERCENT_RE, text, (m) => {
    const n = parseChineseNumeral(m[1]);
    if (n !== null) out.push(entity('percentage', m, n));
  });
  return out.sort((a, b) => a.start - b.start);
}
