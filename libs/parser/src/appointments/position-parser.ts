import { GLUED_QUALIFIER, QUALIFIER, TITLE_END } from './appointment.pattern';
import { splitTopLevel, topLevelBrackets } from './clause-splitter';

/** One post of an entry, as the schema reports it, with the conditions printed on it. */
export interface ParsedPosition {
  position: string;
  qualifiers: string[];
}

/** "B职务", "B的职务", "B人选" (for nominations) lose their tails. */
const TRAILING_DUTY = /(?:的)?职务$/;
const BRACKET_AFTER_DUTY = /职务[（(]([^（）()]+)[）)]$/;
const TRAILING_CANDIDACY = /(?:候选人|人选)$/;

/** True when a post ends in a title, a name bracket after it aside ("主任（所长）"). */
export function isTitleLike(position: string): boolean {
  if (TITLE_END.test(position)) return true;
  const brackets = topLevelBrackets(position);
  const last = brackets[brackets.length - 1];
  return last !== undefined && last.end === position.length && TITLE_END.test(position.slice(0, last.start));
}

/** Removes qualifier brackets anywhere in the post and keeps brackets that are part of a name. */
function takeQualifiers(text: string): ParsedPosition {
  const qualifiers: string[] = [];
  let position = '';
  let from = 0;
  for (const group of topLevelBrackets(text)) {
    if (!QUALIFIER.test(group.content)) continue;
    qualifiers.push(group.content);
    position += text.slice(from, group.start);
    from = group.end;
  }
  position += text.slice(from);
  return { position, qualifiers };
}

function parseOne(raw: string, candidacy: boolean): ParsedPosition {
  let { position, qualifiers } = takeQualifiers(raw);
  // The post ends at 职务: a bracket after it is a remark on the decision, never part of a name.
  const remark = BRACKET_AFTER_DUTY.exec(position);
  if (remark) {
    qualifiers = [...qualifiers, remark[1]];
    position = position.slice(0, remark.index);
  }
  position = position.replace(TRAILING_DUTY, '');
  if (candidacy) position = position.replace(TRAILING_CANDIDACY, '');
  const glued = GLUED_QUALIFIER.exec(position);
  if (glued && glued.index > 0) {
    qualifiers = [...qualifiers, glued[1]];
    position = position.slice(0, glued.index);
  }
  return { position: position.replace(/^[为的]/, ''), qualifiers };
}

/**
 * The posts of "B、C职务" or "B（试用期一年）、C". A "、" separates two posts only when the text
 * before it is a complete post (ends in a title); otherwise it is inside one ("市委、市政府督查室主任").
 */
export function parsePositions(raw: string, options: { candidacy?: boolean } = {}): ParsedPosition[] {
  const candidacy = options.candidacy ?? false;
  const pieces = splitTopLevel(raw, '、').map((piece) => piece.text);
  const positions: ParsedPosition[] = [];
  let pending = '';
  for (let i = 0; i < pieces.length; i++) {
    const text = pending ? `${pending}、${pieces[i]}` : pieces[i];
    // Whether a post ends here depends on this piece alone, so long lists stay linear.
    if (i < pieces.length - 1 && !isTitleLike(parseOne(pieces[i], candidacy).position)) {
      pending = text;
      continue;
    }
    pending = '';
    const parsed = parseOne(text, candidacy);
    if (parsed.position) positions.push(parsed);
  }
  return positions;
}
