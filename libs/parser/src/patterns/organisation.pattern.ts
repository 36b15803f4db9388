/**
 * Names of issuing bodies as they stand alone on a signature or heading line. An organisation
 * name ends in one of the suffixes the Chinese administrative system uses.
 */

const ORG_SUFFIX =
  '(?:人民政府|政府|办公室|办公厅|委员会|管理委员会|管委会|委|局|厅|署|部|院|处|科|所|站|队|中心|办|会|室|组|公司|集团|银行|支行|分行|大学|学院|学校|医院|法院|检察院|联合会|协会|工会|团委|妇联|社|馆|台|庭)';
const ORG_NAME = new RegExp(`^[\\u4e00-\\u9fa5（）()·“”]{2,40}${ORG_SUFFIX}$`);
/** Words that make a short line a sentence or a heading of a section, not a name. */
const NOT_A_NAME =
  /[，。；：:,;！？、]|关于|印发|通知$|^附件|^[一二三四五六七八九十]+、|^[（(][一二三四五六七八九十\d]+[)）]/;

/** True when the text (one name, no spaces) reads as an organisation name. */
export function isOrganisationName(name: string): boolean {
  return name.length >= 3 && name.length <= 40 && ORG_NAME.test(name) && !NOT_A_NAME.test(name);
}

/**
 * The organisation names of a line that holds nothing else ("临汾市应急管理局 临汾市地方煤矿安全
 * 监督管理局" gives two), or null. Names may be separated by spaces.
 */
export function matchOrganisationLine(text: string): string[] | null {
  const parts = text.trim().split(/\s+/).filter(Boolean);
  if (!parts.length) return null;
  if (parts.every(isOrganisationName)) return parts;
  // Letter-spaced or wrapped names ("吕梁市 人民政府") join into one name.
  const joined = parts.join('');
  return isOrganisationName(joined) ? [joined] : null;
}
