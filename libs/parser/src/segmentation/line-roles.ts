import { matchBracketSection, isTocHeading } from '../toc/toc.parser';
import { matchDateLine } from '../patterns/date.pattern';
import { matchDocNumberLine } from '../patterns/doc-number.pattern';

/** What a single (squashed) line can be told to be on its own, for the segmenter. */

/** Sentence-ending or clause punctuation: a line ending so is prose, not a title line. */
const TERMINATED = /[。；;！!？?：:，,、]$/;
const SENTENCE_END = /[。；;！!？?：:]$/;
const PUBLICITY =
  /^[（(](此件[^()（）]{1,40}|[^()（）]{0,12}(?:公开发布|不予公开|依申请公开|主动公开)[^()（）]{0,12})[)）]$/;
const ATTACHMENT_ITEM = /^(?:附件[:：\d一二三四五六七八九十]|\d{1,2}[.．、](?!\d))/;

export function isTerminated(squashed: string): boolean {
  return TERMINATED.test(squashed);
}

/** "（此件公开发布）" → "此件公开发布". */
export function matchPublicity(squashed: string): string | null {
  const m = PUBLICITY.exec(squashed);
  return m ? m[1] : null;
}

export function isAttachmentItem(squashed: string): boolean {
  return ATTACHMENT_ITEM.test(squashed);
}

/** A line that can never be part of a heading: the heading search stops there. */
export function isHeadingBarrier(squashed: string): boolean {
  return (
    // Titles contain 、 and ， and a wrapped title line may end with one; a paragraph ends otherwise.
    SENTENCE_END.test(squashed) ||
    matchDateLine(squashed) != null ||
    matchPublicity(squashed) != null ||
    matchDocNumberLine(squashed) != null ||
    matchBracketSection(squashed) != null ||
    isTocHeading(squashed) ||
    squashed.length > 140
  );
}
