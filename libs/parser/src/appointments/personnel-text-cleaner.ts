import { squash } from '../normalise/char-normaliser';
import { isOrganisationName } from '../patterns/organisation.pattern';
import { TITLE_END } from './appointment.pattern';

/**
 * Turns the body of a personnel notice into one string the clause parser can read: lines are
 * hard-wrapped anywhere (inside names, posts and numbers), so every space and line break goes; the
 * signature block (issuer, date, 此件公开发布, 抄送…) goes too, because it is not an entry.
 */

/** Page numbers a PDF-to-text tool leaves between pages ("— 12 —"). */
const PAGE_NUMBER = /[—–－]{1,2}\d{1,3}[—–－]{1,2}/g;
/** Everything from the copy list (抄送) or the subject words (主题词) on is distribution data. */
const DISTRIBUTION = /(?:抄送|主题词|分送)[：:]/;
const PUBLICITY_AT_END = /[（(][^（）()]{0,20}(?:此件|公开|发布)[^（）()]{0,20}[）)]$/;
const DATE_AT_END =
  /(?:\d{4}|[〇零○一二三四五六七八九]{4})年(?:\d{1,2}|[一二三四五六七八九十]{1,2})月(?:\d{1,2}|[一二三四五六七八九十]{1,3})日(?:印发)?$/;
const CLAUSE_END = /[。；;]/g;
const ENTRY_WORDS = /职务|任命|免去|聘任|为/;

function afterLastClauseEnd(text: string): number {
  let index = 0;
  for (const m of text.matchAll(CLAUSE_END)) index = m.index + 1;
  return index;
}

/**
 * The issuer printed after the last entry: a tail without entry words, once a signature date
 * proved there is a signature or when it is an organisation's name. When the last entry lacks its
 * full stop the issuer is glued to it ("…副局长吕梁市人民政府"): then only the organisation after
 * the post's title goes.
 */
function cutIssuer(text: string, dated: boolean): string {
  const start = afterLastClauseEnd(text);
  const tail = text.slice(start);
  if (!tail) return text;
  if (!ENTRY_WORDS.test(tail)) return dated || isOrganisationName(tail) ? text.slice(0, start) : text;
  // 职务 is the surer end of an entry ("职务吕梁市人民政府" would also pass as a name); an
  // organisation name is at most 40 characters (isOrganisationName), so only the end is tried.
  for (const endsEntry of [(head: string) => head.endsWith('职务'), (head: string) => TITLE_END.test(head)]) {
    for (let k = Math.max(1, tail.length - 40); k < tail.length - 1; k++) {
      if (endsEntry(tail.slice(0, k)) && isOrganisationName(tail.slice(k))) return text.slice(0, start + k);
    }
  }
  return text;
}

export function joinPersonnelText(text: string): string {
  let joined = squash(text).replace(PAGE_NUMBER, '');
  const distribution = DISTRIBUTION.exec(joined);
  if (distribution) joined = joined.slice(0, distribution.index);
  let dated = false;
  for (;;) {
    const publicity = PUBLICITY_AT_END.exec(joined);
    const date = publicity ? null : DATE_AT_END.exec(joined);
    const match = publicity ?? date;
    if (!match) break;
    if (date) dated = true;
    joined = joined.slice(0, match.index);
  }
  return cutIssuer(joined, dated);
}
