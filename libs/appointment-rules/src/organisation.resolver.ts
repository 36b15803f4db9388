import { squashSpaces } from './name.normaliser';

/**
 * Full organisation names for the short forms a gazette uses for its own area: in a 吕梁市
 * gazette "市财政局" is 吕梁市财政局 and "市政府" is 吕梁市人民政府. Without this, the same post
 * printed as "市政府副秘书长" and "吕梁市人民政府副秘书长" would be two posts.
 */

/** The level characters a short form opens with; the region's own level is its last character. */
const LEVEL = /[省市县区旗州盟]$/u;

/**
 * A short form opens with one level character, unless that character starts an ordinary word
 * (市场监督管理局 is a name, not 市 + 场…). Same exclusions as the parser's region resolver.
 */
const SHORT_FORM = /^[省市县区旗](?!场|容|政(?![府务])|级|域|块|别|外|内|长)/u;

/** "市政府", "县政府办", "吕梁市政府": 政府 after a level character is that level's 人民政府. */
const SHORT_GOVERNMENT = /(^|[省市县区旗镇乡])政府/gu;
const GOVERNMENT_OFFICE = /人民政府办$/u;

/** A bare place name, such as a 市长 post's organisation "吕梁市". */
const BARE_PLACE = /^\p{Script=Han}{1,6}[省市县区旗]$/u;

/** The head or deputy head of a government ("市长", "常务副县长"): the post belongs to its 人民政府. */
const GOVERNMENT_HEAD = /^(?:常务)?副?([省市县区])长$/u;

export interface RegionContext {
  /** The gazette's area ("吕梁市", "中阳县"), or null when unknown. */
  region: string | null;
}

interface Region {
  name: string;
  level: string;
}

function regionOf(context: RegionContext): Region | null {
  if (!context.region) return null;
  // A publisher name passed by mistake ("吕梁市人民政府") still names the area.
  const name = squashSpaces(context.region).replace(/人民政府$/u, '');
  const level = LEVEL.exec(name);
  return level ? { name, level: level[0] } : null;
}

/** Splits at the top-level "、" of a joint name ("市委、市政府督查室"); brackets are left whole. */
function topLevelParts(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '（' || ch === '(') depth++;
    else if ((ch === '）' || ch === ')') && depth > 0) depth--;
    else if (ch === '、' && depth === 0) {
      parts.push(text.slice(from, i));
      from = i + 1;
    }
  }
  parts.push(text.slice(from));
  return parts;
}

/**
 * A short form is tied to the region only when its level is the region's own: "市财政局" in a
 * 中阳县 gazette is a 市 body the text does not name, so it stays as printed rather than being
 * attached to the wrong place. Names that start with a place ("兴县…", "山西交城…") are kept.
 */
export function resolveOrganisation(organisation: string, title: string, context: RegionContext): string {
  const region = regionOf(context);
  let full = topLevelParts(squashSpaces(organisation))
    .map((part) => (region && SHORT_FORM.test(part) && part[0] === region.level ? region.name + part.slice(1) : part))
    .join('、');
  full = full.replace(SHORT_GOVERNMENT, '$1人民政府').replace(GOVERNMENT_OFFICE, '人民政府办公室');
  const head = GOVERNMENT_HEAD.exec(title);
  if (head) {
    // "副市长" printed alone belongs to the region's government when the levels agree.
    if (full === '' && region && region.level === head[1]) full = region.name;
    if (BARE_PLACE.test(full) && full.endsWith(head[1])) full += '人民政府';
  }
  return full;
}
