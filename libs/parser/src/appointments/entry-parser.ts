import type { AppointmentAction, AppointmentMethod } from '../model/gazette.model';
import {
  type AppointmentMode,
  ENTRY_KEYWORDS,
  GROUP_ROLE,
  MODES,
  POSITION_START,
  PROSE_START,
  RESIGNATION,
} from './appointment.pattern';
import { hasKnownSurname, isPersonName, splitPersonList } from './person-name.pattern';
import { isTitleLike, type ParsedPosition, parsePositions } from './position-parser';

/**
 * One entry of a personnel notice ("张三为市财政局局长", "免去李四的…职务") into people and posts.
 * The wording decides the split: the first connector (为, 的, 同志, 代理, 任…) whose left side is a
 * list of names.
 */

/** A post of an entry, with how sure the parse of the entry and the post is. */
export interface EntryPost extends ParsedPosition {
  confidence: number;
  reasons: string[];
}

export interface ParsedEntry {
  persons: string[];
  action: AppointmentAction;
  method: AppointmentMethod;
  posts: EntryPost[];
}

export interface EntryParse {
  entries: ParsedEntry[];
  /** The mode a keyword at the head of the part sets for bare entries after it. */
  mode: AppointmentMode | null;
}

/**
 * How sure a parse is. Explicit wording scores high; an entry with no keyword and no list mode
 * (prose could look like it) a little lower; a guessed person/post boundary low.
 */
const CONFIDENCE = { explicit: 0.95, bare: 0.85, guessed: 0.55, blind: 0.35 } as const;
const PENALTY = 0.2;
/** "免去其…": the person is inferred from the entry before, usually rightly. */
const INFERRED_PERSON_PENALTY = 0.1;
/** Unmarked names in prose are accepted only with a known surname and a post of some length. */
const MIN_BARE_POSITION_LENGTH = 4;

/** The longest list of names before a connector ("张三、李四、王五同志为…"); bounds the search. */
const MAX_PERSONS_LENGTH = 80;
/** A bare title after "、" ("…党组书记、局长"): printed so, but the organisation is only implied. */
const BARE_TITLE =
  /^(?:副|常务副)?(?:局长|主任|书记|处长|科长|部长|馆长|院长|校长|所长|站长|队长|经理|理事长|秘书长|主席|会长|行长)$/;

interface Split {
  persons: string[];
  rest: string;
}

/**
 * The first occurrence of `connector` whose left side is a list of names ("李为民为…" skips the
 * 为 inside the name). `last` takes the last one instead (for 同志, which may follow every name).
 */
function splitAt(text: string, connector: string, last = false): Split | null {
  let found: Split | null = null;
  for (let i = text.indexOf(connector, 2); i >= 0 && i <= MAX_PERSONS_LENGTH; i = text.indexOf(connector, i + 1)) {
    const persons = splitPersonList(text.slice(0, i).replace(/(?:同志)?(?:所?担任|所任)$/, ''));
    if (!persons) continue;
    found = { persons, rest: text.slice(i + connector.length) };
    if (!last) break;
  }
  return found;
}

interface Draft {
  split: Split;
  method: AppointmentMethod;
  action: AppointmentAction;
  confidence: number;
  reasons: string[];
}

function finish(draft: Draft, strict: boolean): ParsedEntry | null {
  const { split, method, action } = draft;
  const positions = parsePositions(split.rest, { candidacy: method === 'nominate' });
  if (!positions.length || !split.persons.length) return null;
  // A transcribed name ("阿不都·热合曼") has no Han surname to check.
  const unknown = split.persons.filter((person) => !hasKnownSurname(person) && !person.includes('·'));
  const untitled = positions.filter((p) => !isTitleLike(p.position));
  if (strict) {
    // Without a keyword or a list, only a textbook entry counts: prose must not become records.
    if (unknown.length || untitled.length) return null;
    if (positions.some((p) => p.position.length < MIN_BARE_POSITION_LENGTH || GROUP_ROLE.test(p.position))) {
      return null;
    }
  }
  // A name of unknown surname is believed only beside a real post: prose has neither.
  if (unknown.length && untitled.length) return null;
  const entry: ParsedEntry = {
    persons: split.persons,
    action,
    method,
    posts: positions.map((p) => ({ ...p, confidence: draft.confidence, reasons: [...draft.reasons] })),
  };
  if (unknown.length) doubt(entry, `person not recognised as a name: ${unknown.join('、')}`, PENALTY);
  for (const post of entry.posts) {
    if (!isTitleLike(post.position)) doubtPost(post, `position guessed: no title at the end of ${post.position}`);
    if (BARE_TITLE.test(post.position)) doubtPost(post, `position names no organisation: ${post.position}`);
  }
  return entry;
}

function doubtPost(post: EntryPost, reason: string, penalty = PENALTY): void {
  post.confidence -= penalty;
  post.reasons.push(reason);
}

function doubt(entry: ParsedEntry, reason: string, penalty = PENALTY): void {
  for (const post of entry.posts) doubtPost(post, reason, penalty);
}

/**
 * Person and post with no connector at all ("张三市财政局局长职务"): the post is taken to start where
 * a level of government starts it, else after a three-character name.
 */
function guessSplit(text: string, allowBlind: boolean): { split: Split; confidence: number; reason: string } | null {
  if (!hasKnownSurname(text.slice(0, 2))) return null;
  for (let k = 2; k <= 4; k++) {
    if (POSITION_START.test(text.slice(k)) && isPersonName(text.slice(0, k))) {
      return {
        split: { persons: [text.slice(0, k)], rest: text.slice(k) },
        confidence: CONFIDENCE.guessed,
        reason: 'person/position boundary guessed',
      };
    }
  }
  if (!allowBlind || text.length < 6 || !isPersonName(text.slice(0, 3))) return null;
  return {
    split: { persons: [text.slice(0, 3)], rest: text.slice(3) },
    confidence: CONFIDENCE.blind,
    reason: 'person/position boundary guessed (three-character name assumed)',
  };
}

function parseAppointing(body: string, mode: AppointmentMode, strict: boolean): ParsedEntry | null {
  const base = strict ? CONFIDENCE.bare : CONFIDENCE.explicit;
  const as = (split: Split, method: AppointmentMethod): ParsedEntry | null =>
    finish({ split, method, action: 'appoint', confidence: base, reasons: [] }, strict);
  const byWei = splitAt(body, '为');
  if (byWei) return as(byWei, byWei.rest.startsWith('代理') ? 'acting' : mode.method);
  const acting = splitAt(body.replace(/^由/, ''), '代理');
  if (acting) return as(acting, 'acting');
  // 任 also starts words (任务, 任期) and ends others (主任, 责任): only a titled post follows the verb.
  for (const verb of ['担任', '兼任', '任']) {
    const split = splitAt(body, verb);
    if (!split || !isTitleLike(split.rest.replace(/(?:的)?职务$/, ''))) continue;
    return as(split, mode.method);
  }
  return null;
}

function parseRemoving(body: string, mode: AppointmentMode, strict: boolean, previous: string[]): ParsedEntry | null {
  const base: number = strict ? CONFIDENCE.bare : CONFIDENCE.explicit;
  const as = (split: Split, confidence = base, reasons: string[] = []): ParsedEntry | null =>
    finish({ split, method: mode.method, action: 'remove', confidence, reasons }, strict);
  const notAgain = splitAt(body, '不再担任');
  if (notAgain) return as(notAgain);
  if (strict) return null;
  // "免去其…职务": the person of the entry before.
  if (body.startsWith('其') && previous.length && body.endsWith('职务')) {
    return as({ persons: previous, rest: body.slice(1) }, base - INFERRED_PERSON_PENALTY, [
      'person taken from the entry before (其)',
    ]);
  }
  const split = splitAt(body, '的') ?? splitAt(body, '同志', true);
  if (split) return as(split);
  // Only 职务 at the end makes a connector-less text a removal entry worth guessing at.
  const guess = /职务$/.test(body) ? guessSplit(body, true) : null;
  if (!guess) return null;
  return as(guess.split, guess.confidence, [`unknown appointment phrasing: ${body}`, guess.reason]);
}

function parseResignation(part: string): ParsedEntry | null {
  const m = RESIGNATION.exec(part);
  const persons = m ? splitPersonList(m[1]) : null;
  if (!m || !persons) return null;
  return finish(
    {
      split: { persons, rest: m[2] },
      method: 'resign',
      action: 'remove',
      confidence: CONFIDENCE.explicit,
      reasons: [],
    },
    false,
  );
}

function parseBody(body: string, mode: AppointmentMode, strict: boolean, previous: string[]): ParsedEntry | null {
  // "不再担任" removes whatever list it stands in; its 担任 must not read as an appointment.
  if (body.includes('不再担任')) return parseRemoving(body, MODES.remove, strict, previous);
  if (mode.family === 'appoint') return parseAppointing(body, mode, strict);
  if (mode.family === 'remove') return parseRemoving(body, mode, strict, previous);
  // 任免如下, or no list: the entry's own wording decides.
  return parseAppointing(body, MODES.appoint, strict) ?? parseRemoving(body, MODES.remove, strict, previous);
}

/** An appointment entry whose person and post were not told apart: a guess, flagged. */
function parseUnknown(body: string, mode: AppointmentMode): ParsedEntry | null {
  const guess = guessSplit(body, false);
  if (!guess) return null;
  const entry = finish(
    {
      split: guess.split,
      method: mode.method,
      action: mode.action,
      confidence: guess.confidence,
      reasons: [`unknown appointment phrasing: ${body}`, guess.reason],
    },
    false,
  );
  return entry && entry.posts.every((p) => isTitleLike(p.position)) ? entry : null;
}

/** An entry worded against the list it stands in ("张三的…职务" under 任命：): its wording wins, flagged. */
function parseAgainstList(body: string, previous: string[]): ParsedEntry | null {
  const entry = parseBody(body, MODES.mixed, false, previous);
  if (!entry) return null;
  doubt(entry, 'wording does not match the list it stands in');
  return entry;
}

/**
 * Where several entries were printed without punctuation between them ("…局长李四为…",
 * "…职务李四的…职务"): a boundary before a name that a connector follows, right after a title.
 */
const RUN_ON_AFTER_TITLE = '(?<=(?:长|主任|书记|委员|秘书|经理|师|员|理事|职务)(?:（[^（）]{1,12}）)?、?)';
const RUN_ON = new RegExp(`${RUN_ON_AFTER_TITLE}(?=([\\u4e00-\\u9fff]{2,4}?)(?:同志)?(?:为|的))`, 'g');
/** A table laid out "name post" per row, its spaces squashed: the next name stands before 市/县…. */
const RUN_ON_TABLE =
  /(?<=(?:长|主任|书记|委员|秘书|经理|师|员|理事))(?=([\u4e00-\u9fff]{2,3}?)(?:市|县|区|省|州|盟|旗|镇|乡))/g;
const CONNECTOR = /为|的|同志/;

function splitRunOn(part: string): string[] {
  const boundaries = CONNECTOR.test(part) ? part.matchAll(RUN_ON) : part.matchAll(RUN_ON_TABLE);
  const pieces: string[] = [];
  let start = 0;
  for (const m of boundaries) {
    if (!hasKnownSurname(m[1]) || !isPersonName(m[1])) continue;
    pieces.push(part.slice(start, m.index).replace(/、$/, ''));
    start = m.index;
  }
  pieces.push(part.slice(start));
  return pieces;
}

/** True when the part starts with a word that heads an entry (任命, 免去, 接受…). */
export function startsWithEntryKeyword(part: string): boolean {
  return RESIGNATION_HEAD.test(part) || ENTRY_KEYWORDS.some((k) => k.pattern.test(part));
}

const RESIGNATION_HEAD = /^(?:接受|同意)/;

/**
 * Parses one comma-separated part. `mode` is the list the part stands in (null outside any list);
 * `previous` the people of the entry before, for 其. Returns null when the part is no entry.
 */
export function parseEntryPart(part: string, mode: AppointmentMode | null, previous: string[]): EntryParse | null {
  if (PROSE_START.test(part)) return null;
  const resignation = parseResignation(part);
  if (resignation) return { entries: [resignation], mode: null };
  const keyword = ENTRY_KEYWORDS.find((k) => k.pattern.test(part));
  const active = keyword?.mode ?? mode;
  const body = keyword ? part.replace(keyword.pattern, '') : part;
  if (!active) {
    const entry = parseBody(body, MODES.mixed, true, previous);
    return entry ? { entries: [entry], mode: null } : null;
  }
  const parseOne = (piece: string, people: string[]): ParsedEntry | null =>
    parseBody(piece, active, false, people) ??
    (active.family === 'mixed' ? null : parseAgainstList(piece, people)) ??
    parseUnknown(piece, active);
  const pieces = splitRunOn(body);
  const entries =
    parseSequence(pieces, previous, parseOne) ?? (pieces.length > 1 ? parseSequence([body], previous, parseOne) : null);
  return entries ? { entries, mode: keyword?.mode ?? null } : null;
}

/** Entries of every piece, each knowing the people of the one before, or null if one fails. */
function parseSequence(
  pieces: string[],
  previous: string[],
  parseOne: (piece: string, people: string[]) => ParsedEntry | null,
): ParsedEntry[] | null {
  const entries: ParsedEntry[] = [];
  let people = previous;
  for (const piece of pieces) {
    const entry = parseOne(piece, people);
    if (!entry) return null;
    if (pieces.length > 1) doubt(entry, 'entries not separated by punctuation', 0);
    entries.push(entry);
    people = entry.persons;
  }
  return entries;
}
