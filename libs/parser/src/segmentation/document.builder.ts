import type { ParsedDocument } from '../model/gazette.model';
import { joinParagraphs } from '../normalise/paragraph-joiner';
import { documentCategory, documentKind } from '../classification/document-kind.classifier';
import { titleKey, type DocumentSpan, type LineView } from './document.segmenter';
import { isAttachmentItem, isTerminated } from './line-roles';
import { findSignature } from './signature.detector';

/**
 * The fields of one document from its span: recipients under the heading, the signature, the
 * body between them, attachments named in the notice or printed after it, and how sure we are.
 */

export type DocumentDraft = Omit<ParsedDocument, 'entities' | 'regulation'>;

const RECIPIENTS_END = /[:：]$/;
/** An opening sentence ending in a colon ("为加强…，现就有关事项通告如下：") is not a recipients line. */
const NOT_RECIPIENTS = /如下[:：]$|^(?:为|根据|按照|依据|依照|经|现|近日|近期|今年|为了|根据《)/;
const MAX_RECIPIENT_LINES = 4;
const ATTACHMENT_HEAD = /^附件\s*\d*\s*[:：]?\s*/;
const ATTACHED_TITLE_END =
  /(方案|计划|规划|办法|预案|名单|细则|意见|规则|要点|清单|标准|制度|规定|措施|目录|指南|表|书|函|纲要|条例|章程)(（[^）]*）|\([^)]*\))?$/;

/** Split recipients at top-level commas and semicolons; brackets ("各县（市、区）") stay whole. */
export function splitRecipients(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text.replace(/[:：]$/, '')) {
    if (ch === '（' || ch === '(') depth++;
    if (ch === '）' || ch === ')') depth = Math.max(0, depth - 1);
    if (depth === 0 && /[，,；;]/.test(ch)) {
      if (current) out.push(current);
      current = '';
    } else current += ch;
  }
  if (current) out.push(current);
  return out;
}

function findRecipients(view: LineView, from: number, to: number): { recipients: string[]; end: number } {
  let acc = '';
  for (let i = from; i <= Math.min(to, from + MAX_RECIPIENT_LINES - 1); i++) {
    acc += view.sq[i];
    if (/[。；]/.test(acc) || acc.length > 200) break;
    if (RECIPIENTS_END.test(acc)) {
      return NOT_RECIPIENTS.test(acc)
        ? { recipients: [], end: from - 1 }
        : { recipients: splitRecipients(acc), end: i };
    }
  }
  return { recipients: [], end: from - 1 };
}

function attachmentsInBody(view: LineView, from: number, to: number): string[] {
  const out: string[] = [];
  let inList = false;
  for (let i = from; i <= to; i++) {
    const s = view.sq[i];
    if (ATTACHMENT_HEAD.test(s) && /^附件\s*\d*\s*[:：]/.test(s)) {
      inList = true;
      const first = s.replace(ATTACHMENT_HEAD, '').replace(/^\d{1,2}[.．、]/, '');
      if (first) out.push(first);
    } else if (inList && isAttachmentItem(s)) {
      out.push(s.replace(/^\d{1,2}[.．、]/, ''));
    } else if (inList && out.length && !isTerminated(out[out.length - 1]) && s.length <= 30 && !isTerminated(s)) {
      out[out.length - 1] += s; // an item wrapped onto the next line
    } else {
      inList = false;
    }
  }
  return out;
}

/** Titles of plans printed after the covering notice's signature. */
function attachedTitles(view: LineView, from: number, to: number): string[] {
  let i = from;
  if (i > to) return [];
  if (/^附件\s*\d*$/.test(view.sq[i])) i++;
  if (i > to) return [];
  let title = view.sq[i].replace(/^附件\s*\d*\s*[:：]?/, '');
  if (!title || isTerminated(title) || title.length > 60) return [];
  if (!ATTACHED_TITLE_END.test(title) && i + 1 <= to && !isTerminated(view.sq[i + 1]) && view.sq[i + 1].length <= 30) {
    title += view.sq[i + 1];
  }
  return ATTACHED_TITLE_END.test(title) ? [title] : [];
}

function distinctTitles(titles: string[]): string[] {
  const seen = new Set<string>();
  return titles.filter((t) => {
    const key = titleKey(t).replace(/[《》"]/g, '');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export interface BuildContext {
  section: string | null;
}

export function buildDocument(view: LineView, span: DocumentSpan, context: BuildContext): DocumentDraft {
  const { heading, docNumber } = span;
  const reasons: string[] = [];
  let confidence = 1;

  const afterHeading = heading.end + 1;
  const { recipients, end: recipientsEnd } = findRecipients(view, afterHeading, span.end);
  const signature = findSignature(view.raw, view.sq, Math.max(afterHeading, recipientsEnd + 1), span.end);
  const bodyEnd = signature ? signature.start - 1 : span.end;
  const bodyLines = view.raw.slice(recipientsEnd + 1, bodyEnd + 1);

  const issuers = signature?.issuers.length ? signature.issuers : heading.issuers;
  const kind = documentKind(heading.title);

  if (!docNumber) {
    confidence -= 0.15;
    reasons.push('no document number');
  }
  if (!signature) {
    confidence -= 0.3;
    reasons.push('no signature found');
  } else if (!signature.issuers.length) {
    confidence -= 0.1;
    reasons.push('signature date without issuing body');
  }
  if (!heading.wellFormed || !kind) {
    confidence -= 0.3;
    reasons.push('title guessed: no document kind ends it');
  }
  if (!issuers.length) {
    confidence -= 0.1;
    reasons.push('issuing body unknown');
  }

  const attachments = distinctTitles([
    ...attachmentsInBody(view, recipientsEnd + 1, bodyEnd),
    ...(signature ? attachedTitles(view, signature.end + 1, span.end) : []),
  ]);

  return {
    title: heading.title,
    doc_number: docNumber,
    issuers,
    signed_on: signature?.signedOn ?? null,
    doc_type: kind,
    category: documentCategory({ title: heading.title, kind, docNumber, section: context.section }),
    section: context.section,
    start_line: view.lines[heading.start].line,
    end_line: view.lines[span.end].line,
    recipients,
    body: joinParagraphs(bodyLines).join('\n'),
    attachments,
    publicity: signature?.publicity ?? null,
    text: view.raw.slice(heading.start, span.end + 1).join('\n'),
    confidence: Math.max(0, Math.round(confidence * 100) / 100),
    reasons,
  };
}
