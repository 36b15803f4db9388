import { squash } from './char-class';

/**
 * The document's own area, used to tie short organisation names to it ("市财政局" in a 吕梁
 * gazette is 吕梁市财政局) and to recognise names that start with the area ("吕梁能源科创有限公司").
 */
export interface RegionNames {
  /** "吕梁市", or null when neither region nor publisher is known. */
  region: string | null;
  /** The name without its level ("吕梁"), only when at least two characters remain. */
  stem: string | null;
  /** The level character the short forms use: 市, 县, 区, 省, 旗… */
  level: string | null;
}

const LEVEL_RE = /(?:省|市|县|区|旗|州|盟|自治区|自治州|自治县)$/;
const GOVERNMENT_RE = /人民政府.*$/;

export function regionNames(region: string | null, publisher: string | null): RegionNames {
  let name = region ? squash(region) : null;
  if (!name && publisher) {
    const stripped = squash(publisher).replace(GOVERNMENT_RE, '');
    name = stripped.length > 0 && LEVEL_RE.test(stripped) ? stripped : null;
  }
  if (!name) return { region: null, stem: null, level: null };
  const level = LEVEL_RE.exec(name);
  const stem = level ? name.slice(0, level.index) : name;
  return {
    region: name,
    stem: stem.length >= 2 ? stem : null,
    level: level ? name.slice(-1) : null,
  };
}

/** Province-level names, so that "山西天润煤化集团" is known to start with a place. */
// prettier-ignore
const PROVINCES = [
  '北京', '天津', '河北', '山西', '内蒙古', '辽宁', '吉林', '黑龙江', '上海', '江苏', '浙江', '安徽',
  '福建', '江西', '山东', '河南', '湖北', '湖南', '广东', '广西', '海南', '重庆', '四川', '贵州',
  '云南', '西藏', '陕西', '甘肃', '青海', '宁夏', '新疆', '香港', '澳门', '台湾',
];
const NATIONAL_START_RE = new RegExp(`^(?:国家|国务院|中共|中央|全国|中国|国网|最高|${PROVINCES.join('|')})`);

/** A short form opens with one level character ("市财政局"), unless it is a word ("市场", "区域"). */
const SHORT_FORM_RE = /^[省市县区](?!场|容|政(?![府务])|级|域|块|别|外|内|长)/;

/**
 * A place name of two to four characters at the start ("岚县", "汾阳市", "尧都区"); characters
 * that make 市/区 part of a common word (城市, 社区, 园区) do not count.
 */
const PLACE_START_RE =
  /^[\p{Script=Han}]{1,3}?(?:(?<![城都超集门上夜股楼])市|(?<![城社园景小片辖山矿库街老灾疫试新发范])区|省|县|旗|盟|州)(?![城级域内外长])/u;

/** Whether a name visibly belongs to a place or a national body (the test weak suffixes need). */
export function startsWithPlace(name: string, region: RegionNames): boolean {
  if (SHORT_FORM_RE.test(name) || NATIONAL_START_RE.test(name) || PLACE_START_RE.test(name)) return true;
  if (region.region && name.startsWith(region.region)) return true;
  return region.stem !== null && name.startsWith(region.stem);
}

/** A county or city named in full ("中阳县", "太原市"), a province, a national body or the region. */
const NAMED_PLACE_RE = /^[\p{Script=Han}]{2,3}?[省市县](?![城级域内外长])/u;

export function startsWithNamedPlace(name: string, region: RegionNames): boolean {
  if (NATIONAL_START_RE.test(name) || NAMED_PLACE_RE.test(name)) return true;
  if (region.region && name.startsWith(region.region)) return true;
  return region.stem !== null && name.startsWith(region.stem);
}

/**
 * A start that is certainly a place: a short form, a province or national body, the region. The
 * generic "XX县" pattern is left out: after a line break "托汾阳市…" is the tail of a word.
 */
export function startsWithKnownPlace(name: string, region: RegionNames): boolean {
  if (SHORT_FORM_RE.test(name) || NATIONAL_START_RE.test(name)) return true;
  if (region.region && name.startsWith(region.region)) return true;
  return region.stem !== null && name.startsWith(region.stem);
}

/** Whether the name is only a level character plus suffix ("市委", "县政府"). */
export function isShortForm(name: string): boolean {
  return SHORT_FORM_RE.test(name);
}

const SHORT_GOVERNMENT_RE = /(^|[省市县区旗镇乡])政府/;
const GOVERNMENT_OFFICE_RE = /人民政府办$/;

/**
 * The full name tied to the region: "市财政局" → "吕梁市财政局", "市政府" → "吕梁市人民政府",
 * "县政府办" → "中阳县人民政府办公室". A short form whose level is not the region's own (a 市 body
 * named in a county's gazette) is left as printed, since it cannot be resolved from the text.
 */
export function fullOrganisationName(printed: string, region: RegionNames): string {
  let name = squash(printed);
  if (SHORT_FORM_RE.test(name) && region.region && region.level === name[0]) {
    name = region.region + name.slice(1);
  }
  name = name.replace(SHORT_GOVERNMENT_RE, '$1人民政府').replace(GOVERNMENT_OFFICE_RE, '人民政府办公室');
  return name;
}
