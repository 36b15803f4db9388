import type { Entity, RegulationTerms } from '../model/gazette.model';
import { squash } from './char-class';
import { parseChineseNumeral } from './chinese-numeral';
import { findDates, isoDate } from './date.pattern';
import { findDocNumbers } from './doc-number.pattern';
import type { EntityContext } from './entity-extractor';
import { findLawTitles } from './law-title.pattern';

/**
 * When a regulation or policy takes effect, how long it is valid and what it repeals:
 * "本办法自2023年7月1日起施行，有效期两年", "自印发之日起实施", "有效期至2025年12月31日",
 * "原《…》（…号）同时废止". The last clause of each kind wins: a covering notice comes first and the
 * regulation it issues ends with its own clause.
 */

const EFFECT_VERB = '(?:正式)?(?:施行|实施|执行|生效|试行)';
/**
 * "自发布之日起施行", "自汾阳市人民政府批准之日起实施", "自印发之日起30日后施行". The event holds no
 * second 自, so that 自 in "自然资源局" does not open the clause.
 */
const EVENT_START_RE = new RegExp(
  `自\\s{0,3}([^。；;，,\\n自]{1,24}?)\\s{0,2}之\\s{0,2}日\\s{0,2}起\\s{0,2}([^。；;，,\\s]{0,8}?)\\s{0,2}${EFFECT_VERB}`,
  'g',
);
const BEFORE_START_DATE_RE = /自\s{0,3}$/;
const AFTER_START_DATE_RE = new RegExp(`^\\s{0,3}起\\s{0,3}${EFFECT_VERB}`);
/** "自2023年1月1日起至2025年12月31日止", "有效期自…至…". */
const RANGE_LINK_RE = /^\s{0,3}(?:起\s{0,3})?[至到]\s{0,3}$/;
const VALIDITY_CONTEXT_RE = new RegExp(`有效期|${EFFECT_VERB}`);

const DURATION_RE =
  /有效期限?\s{0,2}(?:为|是)?\s{0,3}([0-9]{1,3}|[一二三四五六七八九十两]{1,3})\s{0,2}(个\s{0,2}月|年|天|日)/g;
const UNTIL_BEFORE_RE = /有效期限?\s{0,2}(?:为|是)?\s{0,2}(?:至|到|截至|截止(?:到|至)?)\s{0,3}$/;

const REPEAL_WORD = /废止|停止执行|不再执行|失效/;
const REPEAL_RE = /(同时|予以|即行|一并|自行|宣布|决定)?\s{0,2}(?:废止|停止执行|不再执行|失效)/g;
/** Where the sentence that names the repealed text begins. */
const SENTENCE_END = /[。；;！!]/;
const MAX_REPEAL_SENTENCE = 300;

interface DurationFound {
  count: number;
  unit: 'year' | 'month' | 'day';
}

function addDuration(iso: string, d: DurationFound): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  const [y, mo, day] = [Number(m[1]), Number(m[2]) - 1, Number(m[3])];
  let end: Date;
  if (d.unit === 'year') end = new Date(Date.UTC(y + d.count, mo, day));
  else if (d.unit === 'month') end = new Date(Date.UTC(y, mo + d.count, day));
  else end = new Date(Date.UTC(y, mo, day + d.count));
  // the period includes its first day, so it ends the day before the anniversary
  end = new Date(end.getTime() - 86_400_000);
  return isoDate(end.getUTCFullYear(), end.getUTCMonth() + 1, end.getUTCDate());
}

function emptyTerms(): RegulationTerms {
  return { effective_from: null, effective_until: null, validity: null, repeals: [] };
}

interface Clause {
  at: number;
  value: string;
}

function startClauses(text: string, dates: Entity[]): { from: Clause | null; until: Clause | null } {
  let from: Clause | null = null;
  let until: Clause | null = null;
  const take = (c: Clause, current: Clause | null): Clause => (current && current.at > c.at ? current : c);

  EVENT_START_RE.lastIndex = 0;
  for (let m = EVENT_START_RE.exec(text); m !== null; m = EVENT_START_RE.exec(text)) {
    from = take({ at: m.index, value: squash(`自${m[1]}之日起${m[2]}`) }, from);
  }

  dates.forEach((d, k) => {
    if (typeof d.value !== 'string' || !BEFORE_START_DATE_RE.test(text.slice(Math.max(0, d.start - 4), d.start)))
      return;
    const after = text.slice(d.end, d.end + 12);
    if (AFTER_START_DATE_RE.test(after)) {
      from = take({ at: d.start, value: d.value }, from);
      return;
    }
    const next = dates[k + 1];
    if (!next || typeof next.value !== 'string' || !RANGE_LINK_RE.test(text.slice(d.end, next.start))) return;
    const around = text.slice(Math.max(0, d.start - 12), d.start) + text.slice(next.end, next.end + 12);
    if (!VALIDITY_CONTEXT_RE.test(around)) return; // a working period, not the regulation's validity
    from = take({ at: d.start, value: d.value }, from);
    until = take({ at: next.start, value: next.value }, until);
  });
  return { from, until };
}

function durationClause(text: string): { validity: string; duration: DurationFound; at: number } | null {
  let found: { validity: string; duration: DurationFound; at: number } | null = null;
  DURATION_RE.lastIndex = 0;
  for (let m = DURATION_RE.exec(text); m !== null; m = DURATION_RE.exec(text)) {
    const count = /^\d+$/.test(m[1]) ? Number(m[1]) : parseChineseNumeral(m[1]);
    if (count === null || count <= 0) continue;
    const unitText = squash(m[2]);
    const unit = unitText === '年' ? 'year' : unitText === '个月' ? 'month' : 'day';
    found = { validity: squash(m[0]), duration: { count, unit }, at: m.index };
  }
  return found;
}

function untilClause(text: string, dates: Entity[]): Clause | null {
  let found: Clause | null = null;
  for (const d of dates) {
    if (typeof d.value !== 'string' || d.value.length !== 10) continue;
    if (UNTIL_BEFORE_RE.test(text.slice(Math.max(0, d.start - 12), d.start))) found = { at: d.start, value: d.value };
  }
  return found;
}

/** Titles (《…》 as printed, spaces removed) or numbers of what the text repeals. */
function repealedTexts(text: string): string[] {
  const out: string[] = [];
  // The optional lead word makes the pattern costly to scan; most texts repeal nothing.
  if (!REPEAL_WORD.test(text)) return out;
  REPEAL_RE.lastIndex = 0;
  for (let m = REPEAL_RE.exec(text); m !== null; m = REPEAL_RE.exec(text)) {
    const before = text.slice(Math.max(0, m.index - MAX_REPEAL_SENTENCE), m.index);
    const lastChar = before.trimEnd().slice(-1);
    // a bare 废止 counts only right after a title or a number ("《…》废止"), not in "该废止的废止"
    if (!m[1] && !'》号）)'.includes(lastChar)) continue;
    if (!m[1] && !m[0].includes('废止')) continue;
    let sentenceStart = 0;
    for (let i = before.length - 1; i >= 0; i--) {
      if (SENTENCE_END.test(before[i])) {
        sentenceStart = i + 1;
        break;
      }
    }
    const sentence = before.slice(sentenceStart);
    // prefer the clause that holds the repeal: "依据《A》…，《B》同时废止" repeals only B
    const lastComma = Math.max(sentence.lastIndexOf('，'), sentence.lastIndexOf(','));
    const clauseTitles = findLawTitles(sentence.slice(lastComma + 1));
    const titles = clauseTitles.length > 0 ? clauseTitles : findLawTitles(sentence);
    if (titles.length > 0) {
      out.push(...titles.map((t) => squash(t.text)));
      continue;
    }
    const numbers = findDocNumbers(sentence);
    if (numbers.length > 0) {
      out.push(...numbers.map((n) => String(n.value)));
      continue;
    }
    // "…起施行，2018年印发的XX办法同时废止": the clause after the last comma
    const clause = squash(sentence.slice(lastComma + 1));
    if (clause.length >= 2 && clause.length <= 60) out.push(clause);
  }
  return [...new Set(out)];
}

/**
 * Effect, validity and repeal terms of a regulation's text. `effective_from` is an ISO date (or
 * YYYY-MM) when one is given, else the phrase ("自发布之日起"); `effective_until` comes from
 * "有效期至…", "…至…止" or the start date plus "有效期N年".
 */
export function extractRegulationTerms(text: string, context: EntityContext): RegulationTerms {
  const terms = emptyTerms();
  const dates = findDates(text, context.year);
  const { from, until } = startClauses(text, dates);
  const duration = durationClause(text);
  const explicitUntil = untilClause(text, dates);

  terms.effective_from = from?.value ?? null;
  terms.validity = duration?.validity ?? null;
  const untils = [until, explicitUntil].filter((c): c is Clause => c !== null).sort((a, b) => b.at - a.at);
  if (untils.length > 0) {
    terms.effective_until = untils[0].value;
  } else if (duration && from && /^\d{4}-\d{2}-\d{2}$/.test(from.value)) {
    terms.effective_until = addDuration(from.value, duration.duration);
  }
  terms.repeals = repealedTexts(text);
  return terms;
}
