import { isoDate } from '../patterns/date.pattern';
import { MEETING } from './appointment.pattern';

export interface Meeting {
  /** "市人民政府党组会议", "市人民政府第15次常务会议". */
  name: string;
  /** ISO date when the text gives month and day and a year is known. */
  date: string | null;
}

/**
 * The meeting at the head of a part ("经11月24日市人民政府党组会议研究") and the rest of the part
 * after the phrase, or null. A date without a year takes `year` (the gazette's).
 */
export function matchMeeting(part: string, year: number | null): { meeting: Meeting; rest: string } | null {
  const m = MEETING.exec(part);
  if (!m) return null;
  const printedYear = m[1] ? Number(m[1]) : year;
  const date = m[2] && m[3] && printedYear !== null ? isoDate(printedYear, Number(m[2]), Number(m[3])) : null;
  return { meeting: { name: m[4], date }, rest: part.slice(m[0].length) };
}
