import type { AppointmentRecord } from '../model/gazette.model';
import {
  type AppointmentMode,
  ENUMERATOR,
  HEADER_MODES,
  LIST_HEADER,
  PREAMBLE,
  QUALIFIER,
  QUALIFIER_MAX_LENGTH,
} from './appointment.pattern';
import { CLAUSE_SEPARATORS, PART_SEPARATORS, splitTopLevel, type TextPiece } from './clause-splitter';
import { parseEntryPart, startsWithEntryKeyword } from './entry-parser';
import { type Meeting, matchMeeting } from './meeting-parser';
import { joinPersonnelText } from './personnel-text-cleaner';
import { isTitleLike, parsePositions } from './position-parser';

/** What the caller knows of the personnel document whose body is parsed. */
export interface AppointmentContext {
  docNumber: string | null;
  /** ISO date under the signature. */
  signedOn: string | null;
  /** The gazette's year: a meeting dated "11月24日" is resolved against it. */
  year: number | null;
}

/** "兼任C" / "兼C" after an entry: the same people take another post. */
const CONCURRENT = /^兼任?(.+)$/;
/** Closing formulas after the last entry. */
const CLOSING = /^(?:特此|现予|请遵照|望)/;
/** A whole part in brackets ("（试用期一年）" cut off by a comma before it). */
const BRACKETED = /^[（(]([^（）()]+)[）)]$/;

function isQualifierText(part: string): string | null {
  const text = BRACKETED.exec(part)?.[1] ?? part;
  return text.length <= QUALIFIER_MAX_LENGTH && QUALIFIER.test(text) ? text : null;
}

function yearOf(isoDate: string | null): number | null {
  const m = isoDate ? /^(\d{4})-/.exec(isoDate) : null;
  return m ? Number(m[1]) : null;
}

function round(confidence: number): number {
  return Math.round(Math.min(1, Math.max(0, confidence)) * 100) / 100;
}

/** Reads the clauses of one notice in order; the list mode and the meeting carry from clause to clause. */
class NoticeReader {
  private readonly records: AppointmentRecord[] = [];
  private mode: AppointmentMode | null = null;
  private meeting: Meeting | null = null;
  private firstMeeting: Meeting | null = null;
  /** The people of the last entry, for "免去其…". */
  private previous: string[] = [];
  /** The records of the current clause's last entry: trailing conditions and remarks belong to them. */
  private last: AppointmentRecord[] = [];

  constructor(
    private readonly context: AppointmentContext,
    private readonly year: number | null,
  ) {}

  readClause(clause: TextPiece): void {
    this.last = [];
    const pieces = splitTopLevel(clause.text, PART_SEPARATORS);
    // A list is announced by a colon ("决定任命："); a bare 聘用 elsewhere is a rule's heading.
    const announcesList = clause.separator === '：' || clause.separator === ':';
    pieces.forEach((piece, index) => {
      let part = this.takeMeeting(piece.text.replace(ENUMERATOR, '')).replace(PREAMBLE, '');
      const header = announcesList && index === pieces.length - 1 ? LIST_HEADER.exec(part) : null;
      // An entry printed without its full stop may precede the header ("…局长免去：").
      if (header) part = part.slice(0, header.index);
      if (part) this.readPart(part);
      if (!header) return;
      this.mode = HEADER_MODES[header[1]];
      this.last = [];
    });
  }

  /** Every record, a meeting named only after the entries ("以上任免经…会议研究决定") applied to all. */
  finish(): AppointmentRecord[] {
    const meeting = this.firstMeeting;
    if (!meeting) return this.records;
    for (const r of this.records) {
      if (r.meeting !== null) continue;
      r.meeting = meeting.name;
      r.meeting_date = meeting.date;
    }
    return this.records;
  }

  private takeMeeting(part: string): string {
    const found = matchMeeting(part, this.year);
    if (!found) return part;
    this.meeting = found.meeting;
    this.firstMeeting ??= found.meeting;
    return found.rest;
  }

  private readPart(part: string): void {
    const qualifier = this.last.length ? isQualifierText(part) : null;
    if (qualifier) {
      for (const r of this.last) r.qualifiers.push(qualifier);
      return;
    }
    if (this.readConcurrentPosts(part)) return;
    const parsed = parseEntryPart(part, this.mode, this.previous);
    if (parsed) {
      if (parsed.mode) this.mode = parsed.mode;
      for (const entry of parsed.entries) {
        const { persons, posts, action, method } = entry;
        this.add(
          persons.flatMap((p) =>
            posts.map((post) => this.record(p, { ...post, action, method, confidence: round(post.confidence) })),
          ),
        );
        this.previous = persons;
      }
      return;
    }
    // A keyworded part that failed to parse is no remark on the entry before.
    if (this.last.length && !startsWithEntryKeyword(part) && !CLOSING.test(part)) {
      for (const r of this.last) r.notes.push(part);
    }
  }

  /** "任命A为B，兼任C": the people of the entry before take C as well. */
  private readConcurrentPosts(part: string): boolean {
    const concurrent = this.last.length ? CONCURRENT.exec(part) : null;
    const posts = concurrent ? parsePositions(concurrent[1]) : [];
    if (!posts.length || !posts.every((p) => isTitleLike(p.position))) return false;
    const people = [...new Set(this.last.map((r) => r.person))];
    const { action, method, confidence, reasons } = this.last[0];
    this.add(
      people.flatMap((p) => posts.map((post) => this.record(p, { action, method, confidence, reasons, ...post }))),
    );
    return true;
  }

  private add(records: AppointmentRecord[]): void {
    this.records.push(...records);
    this.last = records;
  }

  private record(person: string, fields: RecordFields): AppointmentRecord {
    return {
      doc_number: this.context.docNumber,
      person,
      action: fields.action,
      method: fields.method,
      position: fields.position,
      qualifiers: [...fields.qualifiers],
      notes: [],
      meeting: this.meeting?.name ?? null,
      meeting_date: this.meeting?.date ?? null,
      signed_on: this.context.signedOn,
      confidence: fields.confidence,
      reasons: [...fields.reasons],
    };
  }
}

type RecordFields = Pick<AppointmentRecord, 'action' | 'method' | 'position' | 'qualifiers' | 'confidence' | 'reasons'>;

/**
 * The appointments of one personnel notice (人事任免): one record per person × post × action, in
 * text order. `text` is the body after the heading and document number, signature included, as
 * normalised lines joined with '\n'; line breaks may fall anywhere. Pure: no I/O, no state kept.
 */
export function extractAppointments(text: string, context: AppointmentContext): AppointmentRecord[] {
  const reader = new NoticeReader(context, context.year ?? yearOf(context.signedOn));
  for (const clause of splitTopLevel(joinPersonnelText(text), CLAUSE_SEPARATORS)) reader.readClause(clause);
  return reader.finish();
}
