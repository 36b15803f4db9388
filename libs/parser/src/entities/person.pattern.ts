import type { Entity } from '../model/gazette.model';
import { isHanCode, squash } from './char-class';
import { keepNonOverlapping, longerFirst } from './overlap.resolver';
import { isPlausibleName } from './surname.lexicon';

/**
 * Personal names and the posts beside them, only where the wording makes the name evident:
 *  - "A同志" / "A等同志", with the post before it ("主任张某某同志") or after it ("同志为…主任");
 *  - appointment clauses "任命A为B", "A为B；", "免去A的B职务";
 *  - list rows "组 长：张潞萍 副市长", "王海彦 市市场监管局局长", "联系人：王 健";
 *  - a signature line "市长 李云峰".
 * Names are never guessed from running prose.
 */

/** The end of a post title ("副市长", "办公室主任", "一级调研员", "副县级干部"). */
const POSITION_TAIL_RE =
  /(?:长|主任|书记|主席|委员|常委|专员|巡视员|调研员|党组成员|干部|负责人|经理|工程师|经济师|会计师|审计师|科员|政委|主编|总编辑|教授|主管|[正副][县处科厅部局乡镇]级|秘书|助理|干事|监事|理事|董事|馆员|研究员|督学|参事|顾问)$/;
const MAX_POSITION = 40;

export function isPositionTitle(text: string): boolean {
  return text.length >= 2 && text.length <= MAX_POSITION && POSITION_TAIL_RE.test(text);
}

/** Han characters of the Basic Multilingual Plane: a plain class keeps these scans out of the slower unicode mode. */
const HAN = '\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff';
const SP = '[ \\t\\u3000]';
/** A name in a slot: 2–4 characters, or a two-character name padded with a space ("王 渊"). */
const NAME_SLOT = `[${HAN}]${SP}{1,2}[${HAN}](?![${HAN}])|[${HAN}]{2,4}`;

/** "任命A为B", "A为B", "免去A的B职务" after a clause boundary or an appointment verb. */
const APPOINTMENT_RE = new RegExp(
  `(?:^|[：:；;。，,、]|任命|聘任|聘用|提名|免去|决定)${SP}*(${NAME_SLOT})(?:${SP}*同志)?${SP}*(为|的)`,
  'gm',
);

/** Role labels of a list row; the letter spacing of "副 组 长" is allowed. */
const spaced = (word: string): string => Array.from(word).join(`${SP}*`);
// prettier-ignore
const ROLE_LABEL = [
  '常务副组长', '副组长', '组长', '副主任', '主任', '副指挥长', '指挥长', '总指挥', '召集人', '成员', '组员', '联系人',
  '负责人', '秘书长', '委员', '顾问',
].map(spaced).join('|');
const ROW_RE = new RegExp(
  `^${SP}*(?:(${ROLE_LABEL})${SP}*[:：]${SP}*)?(${NAME_SLOT})(?=${SP}|$|电话|手机|联系|[，,；;（(])(?:${SP}+([^\\n]*?))?${SP}*$`,
  'gm',
);
const SIGNATURE_RE = new RegExp(`^${SP}*([${HAN}]{0,6}(?:长|书记|主任))${SP}+(${NAME_SLOT})${SP}*$`, 'gm');

const PIECE_SEPARATOR_RE = /[、，,；;]|[ \t\u3000]+/g;
/** Words that end the text before a name ("由张三同志", "任命李四"); a name never starts with them. */
// prettier-ignore
const BEFORE_NAME_TOKENS = [
  '任命', '聘任', '聘用', '提名', '免去', '关于', '会同', '由', '经', '请', '派', '向', '和', '与', '及', '是', '为',
  '对', '将', '把', '给', '让', '同', '在', '从', '等', '的', '了',
];
/** Text between posts and the name they precede stops at these ("主任由市政府秘书长、办公室主任高雅铭同志兼任"). */
const POST_PREFIX_STOP_RE = /由|经|请|派|向|和|与|及|是|为|对|将|把|给|让|在|从|的|了|任命|聘任|免去|兼任|担任/g;

interface Span {
  start: number;
  end: number;
}

function make(type: 'person' | 'position', text: string, start: number, end: number): Entity {
  const raw = text.slice(start, end);
  return { type, text: raw, start, end, value: squash(raw) };
}

function endsWithToken(text: string, end: number): boolean {
  for (const token of BEFORE_NAME_TOKENS) {
    if (end >= token.length && text.startsWith(token, end - token.length)) return true;
  }
  return isPositionTitle(text.slice(Math.max(0, end - 6), end));
}

/**
 * The name that ends at `end` in a run of characters: three characters (four with a compound
 * surname) unless the first of them closes a word on its left ("主任王伟" is 王伟, "由王伟" is
 * 王伟, "主任张瑜庆" is 张瑜庆).
 */
function nameEndingAt(text: string, end: number): Span | null {
  let start = end;
  while (start > 0 && end - start < 6 && isHanCode(text.charCodeAt(start - 1))) start--;
  const run = end - start;
  for (const len of [4, 3]) {
    if (len > run) continue;
    const s = end - len;
    if (!isPlausibleName(text.slice(s, end))) continue;
    if (s > start && endsWithToken(text, s + 1)) continue;
    return { start: s, end };
  }
  if (run >= 2 && isPlausibleName(text.slice(end - 2, end))) return { start: end - 2, end };
  return null;
}

/** End of a post phrase after 为/的/同志: the clause end, a qualifier bracket or 职务. */
function phraseEnd(text: string, from: number): number {
  const limit = Math.min(text.length, from + 80);
  let i = from;
  for (; i < limit; i++) {
    const ch = text[i];
    if ('。；;，,：:'.includes(ch)) break;
    if (ch === '\n') {
      // a wrapped post continues on the next line only when it is not complete yet
      const sofar = squash(text.slice(from, i)).replace(/（[^（）]*）$|\([^()]*\)$/, '');
      if (isPositionTitle(sofar) || sofar.endsWith('职务')) break;
    }
  }
  return i;
}

const TRAILING_QUALIFIER_RE = /\s*(?:（[^（）]*）|\([^()]*\))\s*$/;
const TRAILING_DUTY_RE = /\s*职\s*务\s*$/;

/**
 * The posts in an appointment phrase ("市商务局副局长", "A、B", "…主任（试用期一年）", "…职务"),
 * as spans without qualifiers and without 职务. `needDuty`: the phrase must end in 职务 (免去 A 的…).
 */
function postsInPhrase(text: string, from: number, to: number, needDuty: boolean): Span[] {
  let phrase = text.slice(from, to);
  if (needDuty) {
    const duty = TRAILING_DUTY_RE.exec(phrase);
    if (!duty) return [];
    phrase = phrase.slice(0, duty.index);
  }
  for (let guard = 0; guard < 3; guard++) {
    const q = TRAILING_QUALIFIER_RE.exec(phrase);
    if (!q) break;
    phrase = phrase.slice(0, q.index);
  }
  const duty = TRAILING_DUTY_RE.exec(phrase);
  if (duty) phrase = phrase.slice(0, duty.index);
  const spans: Span[] = [];
  let pieceStart = 0;
  for (let i = 0; i <= phrase.length; i++) {
    if (i === phrase.length || phrase[i] === '、') {
      const piece = phrase.slice(pieceStart, i);
      const lead = piece.length - piece.trimStart().length;
      const trail = piece.length - piece.trimEnd().length;
      const s = from + pieceStart + lead;
      const e = from + i - trail;
      if (e > s && isPositionTitle(squash(text.slice(s, e)))) spans.push({ start: s, end: e });
      pieceStart = i + 1;
    }
  }
  return spans;
}

/** Posts printed right before a name: "市政府秘书长、办公室主任高雅铭". */
function postsBefore(text: string, nameStart: number): Span[] {
  const spans: Span[] = [];
  let end = nameStart;
  for (let k = 0; k < 3; k++) {
    let start = end;
    while (start > 0 && end - start < MAX_POSITION && isHanCode(text.charCodeAt(start - 1))) start--;
    const run = text.slice(start, end);
    let cut = 0;
    POST_PREFIX_STOP_RE.lastIndex = 0;
    for (let m = POST_PREFIX_STOP_RE.exec(run); m !== null; m = POST_PREFIX_STOP_RE.exec(run)) {
      cut = m.index + m[0].length;
    }
    const s = start + cut;
    if (end - s < 2 || !isPositionTitle(text.slice(s, end))) break;
    spans.push({ start: s, end });
    // another post joined by 、 only when nothing was cut off this one
    if (cut > 0 || s === 0 || text[s - 1] !== '、') break;
    end = s - 1;
  }
  return spans;
}

/**
 * Where the name starts in an appointment slot: the whole slot, or its tail after a verb that the
 * slot swallowed ("任命张三" → 张三). -1 when no name fits.
 */
function nameStartInSlot(text: string, slotStart: number, slot: string): number {
  if (spacedNameOk(slot)) return slotStart;
  for (let cut = 1; cut <= slot.length - 2; cut++) {
    if (isPlausibleName(slot.slice(cut)) && endsWithToken(text, slotStart + cut)) return slotStart + cut;
  }
  return -1;
}

export interface PeopleFound {
  persons: Entity[];
  positions: Entity[];
}

function spacedNameOk(raw: string): boolean {
  return isPlausibleName(squash(raw));
}

/** Persons and positions, each list sorted by start and without overlaps within its type. */
export function findPeople(text: string): PeopleFound {
  const persons: Entity[] = [];
  const positions: Entity[] = [];
  const addPosts = (spans: Span[]): void => {
    for (const s of spans) positions.push(make('position', text, s.start, s.end));
  };

  // A同志, A等同志
  // Found by the literal and looked back from: /(等)?\s?同志/ is slow to scan for.
  for (let at = text.indexOf('同志'); at >= 0; at = text.indexOf('同志', at + 2)) {
    let start = at;
    if (start > 0 && /\s/.test(text[start - 1])) start--;
    const group = start > 0 && text[start - 1] === '等';
    if (group) start--;
    const name = nameEndingAt(text, start);
    if (!name) continue;
    persons.push(make('person', text, name.start, name.end));
    addPosts(postsBefore(text, name.start));
    if (group) continue; // "A等同志" names a group, its posts are not A's
    let after = at + 2;
    while (after < text.length && /\s/.test(text[after])) after++;
    if (text[after] === '为') {
      addPosts(postsInPhrase(text, after + 1, phraseEnd(text, after + 1), false));
    } else {
      addPosts(postsInPhrase(text, after, phraseEnd(text, after), true));
    }
  }

  // 任命A为B, A为B；, 免去A的B职务
  APPOINTMENT_RE.lastIndex = 0;
  for (let m = APPOINTMENT_RE.exec(text); m !== null; m = APPOINTMENT_RE.exec(text)) {
    const slot = m[1];
    const slotStart = m.index + m[0].indexOf(slot);
    const nameStart = nameStartInSlot(text, slotStart, slot);
    if (nameStart < 0) {
      APPOINTMENT_RE.lastIndex = slotStart + 1;
      continue;
    }
    const raw = text.slice(nameStart, slotStart + slot.length);
    const from = m.index + m[0].length;
    const posts = postsInPhrase(text, from, phraseEnd(text, from), m[2] === '的');
    if (posts.length === 0) continue;
    persons.push(make('person', text, nameStart, nameStart + raw.length));
    addPosts(posts);
    // continue right after the name so that a following "、B为…" is still seen
    APPOINTMENT_RE.lastIndex = nameStart + raw.length;
  }

  // list rows
  ROW_RE.lastIndex = 0;
  for (let m = ROW_RE.exec(text); m !== null; m = ROW_RE.exec(text)) {
    const [, label, raw, rest] = m;
    if (!spacedNameOk(raw)) continue;
    const nameStart = m.index + m[0].indexOf(raw, label ? m[0].indexOf(label) + label.length : 0);
    const restStart = rest ? m.index + m[0].lastIndexOf(rest) : -1;
    const content = rest ? rowContent(text, restStart, restStart + rest.length) : { posts: [], names: [] };
    const posts = content.posts;
    // without a role label, only a post after the name shows that the row is a person
    if (!label && posts.length === 0) continue;
    persons.push(make('person', text, nameStart, nameStart + raw.length));
    addPosts(posts);
    for (const n of content.names) persons.push(make('person', text, n.start, n.end));
    if (label && rest && posts.length === 0) persons.push(...namesInRow(text, restStart, restStart + rest.length));
  }

  // signature line "市长 李云峰"
  SIGNATURE_RE.lastIndex = 0;
  for (let m = SIGNATURE_RE.exec(text); m !== null; m = SIGNATURE_RE.exec(text)) {
    const [, post, raw] = m;
    if (!spacedNameOk(raw) || !isPositionTitle(post)) continue;
    const postStart = m.index + m[0].indexOf(post);
    const nameStart = m.index + m[0].lastIndexOf(raw);
    persons.push(make('person', text, nameStart, nameStart + raw.length));
    positions.push(make('position', text, postStart, postStart + post.length));
  }

  return {
    persons: keepNonOverlapping(persons, longerFirst),
    positions: keepNonOverlapping(positions, longerFirst),
  };
}

interface RowContent {
  posts: Span[];
  /** Further people in a two-column row ("张三 县财政局局长 李四 县公安局局长"). */
  names: Span[];
}

/** Something an organisation or a post ends with: what follows a name in a list row. */
const ROW_TITLE_RE = /(?:局|委|办|部|厅|处|室|中心|公司|政府|队|站|所|院|社)$/;

/** Posts in the rest of a list row, separated by spaces or 、: "市委副书记、市长". */
function rowContent(text: string, from: number, to: number): RowContent {
  const rest = text.slice(from, to);
  const pieces: Span[] = [];
  let pieceStart = 0;
  PIECE_SEPARATOR_RE.lastIndex = 0;
  for (let m = PIECE_SEPARATOR_RE.exec(rest); m !== null; m = PIECE_SEPARATOR_RE.exec(rest)) {
    if (m.index > pieceStart) pieces.push({ start: from + pieceStart, end: from + m.index });
    pieceStart = m.index + m[0].length;
  }
  if (rest.length > pieceStart) pieces.push({ start: from + pieceStart, end: from + rest.length });

  const posts: Span[] = [];
  const names: Span[] = [];
  for (let k = 0; k < pieces.length; k++) {
    const piece = pieces[k];
    const value = text.slice(piece.start, piece.end);
    if (isPositionTitle(value)) {
      posts.push(piece);
      continue;
    }
    // a name padded to two columns ("刘 勇") is split into two one-character pieces
    let name = piece;
    if (value.length === 1 && pieces[k + 1] && pieces[k + 1].end - pieces[k + 1].start === 1) {
      name = { start: piece.start, end: pieces[k + 1].end };
    }
    const next = pieces[name === piece ? k + 1 : k + 2];
    const nextText = next ? text.slice(next.start, next.end) : '';
    if (
      next &&
      isPlausibleName(squash(text.slice(name.start, name.end))) &&
      (isPositionTitle(nextText) || ROW_TITLE_RE.test(nextText))
    ) {
      names.push(name);
      if (name !== piece) k++;
    }
  }
  return { posts, names };
}

/** "成 员：张三 李四 王五": further names in a labelled row that holds no posts. */
function namesInRow(text: string, from: number, to: number): Entity[] {
  const rest = text.slice(from, to);
  const pieces = rest.split(/[、，,\s]+/).filter((p) => p.length > 0);
  if (pieces.length === 0 || !pieces.every(isPlausibleName)) return [];
  const out: Entity[] = [];
  let offset = 0;
  for (const p of pieces) {
    const at = rest.indexOf(p, offset);
    out.push(make('person', text, from + at, from + at + p.length));
    offset = at + p.length;
  }
  return out;
}
