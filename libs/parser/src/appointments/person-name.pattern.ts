import { startsWithSurname } from '../entities/surname.lexicon';

/**
 * Whether a short run of characters reads as a person's name. Personnel notices print names bare
 * ("尹新明为…", "司海滨同志市…"), so the evidence is the length, the surname and the absence of
 * characters that only organisations and prose use.
 */

const HAN = '\\u3400-\\u4dbf\\u4e00-\\u9fff';
/** Two to four Han characters, or a transcribed name whose parts a middle dot joins ("阿不都·热合曼"). */
const NAME_SHAPE = new RegExp(`^(?:[${HAN}]{2,4}|[${HAN}]{1,10}(?:[·・•][${HAN}]{1,10}){1,3})$`);
/**
 * Characters of organisations and prose that given names practically never contain, and words that
 * no name is: they keep "全市", "该局", "任职时间" or "以上同志" from passing as names. Characters
 * common in given names (会, 本, 其, 为, 任) are deliberately absent.
 */
const NOT_IN_GIVEN_NAME = /[市县省局厅处室办所站院队部委组的们及等该此这每职务]/;
const NOT_A_NAME_WORD = /同志|人员|任免|单位|机关|项目|以上|上述|其中|其他|其余/;

/** True when the text has the shape of a name, whatever its surname. */
export function isPersonName(name: string): boolean {
  if (!NAME_SHAPE.test(name) || NOT_A_NAME_WORD.test(name)) return false;
  // The second character of a compound surname (欧阳, 司马) is never among the excluded ones.
  return !NOT_IN_GIVEN_NAME.test(startsWithSurname(name) ? name.slice(1) : name);
}

/** True when the name starts with a surname of the project's lexicon. */
export function hasKnownSurname(name: string): boolean {
  return name.length >= 2 && startsWithSurname(name);
}

/** "张三、李四同志" → ["张三", "李四"], or null when any item is not a name. */
export function splitPersonList(text: string): string[] | null {
  const names = text.split('、').map((name) => name.replace(/同志$/, ''));
  return names.length > 0 && names.every(isPersonName) ? names : null;
}
