import type { SourceLine } from '../model/gazette.model';

/**
 * Markdown and HTML are removed line by line so that every piece of text keeps the number of the
 * line it came from; a line holding several HTML blocks becomes several lines with the same number.
 */

export type SourceFormat = 'text' | 'markdown' | 'html';

const HTML_SIGNS = /<!doctype html|<html[\s>]|<body[\s>]|<p[\s>]|<div[\s>]|<br\s*\/?>|<table[\s>]|<h[1-6][\s>]/gi;
const MARKDOWN_SIGNS = /^(#{1,6}\s|\s*[-*+]\s+\S|\s*\|.*\|\s*$|\s*>\s)/gm;

function nonBlankLines(text: string): number {
  let count = 0;
  for (const line of text.split('\n')) if (line.trim()) count++;
  return count;
}

export function detectFormat(text: string): SourceFormat {
  const head = text.length > 200_000 ? text.slice(0, 200_000) : text;
  if (/^\s*<(!doctype|html)/i.test(head)) return 'html';
  // PDF-to-text output may carry a few stray tags; a web page has them on most of its lines.
  const html = head.match(HTML_SIGNS)?.length ?? 0;
  if (html >= 3 && html >= nonBlankLines(head) * 0.3) return 'html';
  // The label is informational (markdown marks are stripped from any text), so a sample is enough.
  const md = head.slice(0, 20_000).match(MARKDOWN_SIGNS)?.length ?? 0;
  return md >= 3 ? 'markdown' : 'text';
}

const HIDDEN_BLOCK = /<(head|script|style|noscript|template)\b[\s\S]*?<\/\1\s*>|<!--[\s\S]*?-->/gi;
const BLOCK_BREAK =
  /<\/?(?:p|div|br|h[1-6]|li|ul|ol|tr|table|thead|tbody|tfoot|section|article|header|footer|blockquote|pre|dd|dt|dl|hr|title|caption)\b[^>]*>/gi;
const CELL_BREAK = /<\/t[dh]\s*>\s*<t[dh]\b[^>]*>/gi;
const ANY_TAG = /<\/?[a-zA-Z][^>]*>|<!doctype[^>]*>/gi;
const ENTITY = /&(#x[0-9a-f]+|#\d+|[a-z]+);/gi;
const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ensp: ' ',
  emsp: ' ',
  middot: '·',
  ldquo: '“',
  rdquo: '”',
  lsquo: '‘',
  rsquo: '’',
  mdash: '—',
  ndash: '–',
  hellip: '…',
  times: '×',
};

export function decodeHtmlEntities(text: string): string {
  return text.replace(ENTITY, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
  });
}

function stripHtml(text: string): SourceLine[] {
  // Hidden blocks are blanked but their line breaks kept, so later line numbers stay true.
  const visible = text.replace(HIDDEN_BLOCK, (block) => block.replace(/[^\n]/g, ''));
  const out: SourceLine[] = [];
  // A tag may span lines; join such lines first, remembering where each piece started.
  const rawLines = visible.split('\n');
  let pending = '';
  let pendingLine = 0;
  for (let i = 0; i < rawLines.length; i++) {
    const piece = rawLines[i];
    if (!pending) pendingLine = i + 1;
    pending = pending ? `${pending} ${piece}` : piece;
    if (/<[a-zA-Z/!][^>]*$/.test(pending) && i < rawLines.length - 1) continue;
    const blocks = pending.replace(CELL_BREAK, ' | ').split(BLOCK_BREAK);
    for (const block of blocks) {
      const textOnly = decodeHtmlEntities(block.replace(ANY_TAG, ''));
      if (textOnly.trim()) out.push({ text: textOnly, line: pendingLine });
    }
    pending = '';
  }
  return out;
}

const MD_HEADING = /^\s{0,3}#{1,6}\s+/;
const MD_BULLET = /^\s*[-*+]\s+(?=\S)/;
const MD_QUOTE = /^\s*(>\s?)+/;
const MD_TABLE_RULE = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;
const MD_RULE = /^\s*([-*_])(\s*\1){2,}\s*$/;
const MD_EMPHASIS = /(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g;
const MD_LINK = /\[([^\]]*)\]\((?:[^)\s]+)\)/g;
const MD_AUTOLINK = /<((?:https?|ftp):\/\/[^>\s]+)>/g;

/** Most lines carry no markdown at all; they skip the pattern chain (this runs on every line). */
const MAYBE_MARKDOWN = /^\s*[#>*+_|-]|[|*_[<]/;

function stripMarkdownLine(line: string): string {
  if (!MAYBE_MARKDOWN.test(line)) return line;
  if (MD_TABLE_RULE.test(line) || MD_RULE.test(line)) return '';
  let text = line.replace(MD_HEADING, '').replace(MD_QUOTE, '');
  // A bullet dash is markup, but "- 11 -" is a page number and keeps its dashes.
  if (!/^\s*-\s*\d+\s*-\s*$/.test(text)) text = text.replace(MD_BULLET, '');
  // Table rows stay rows; " | " keeps cells apart where a plain space would be folded away.
  if (text.includes('|'))
    text = text
      .replace(/^\s*\|/, '')
      .replace(/\|\s*$/, '')
      .replace(/\s*\|\s*/g, ' | ');
  return text.replace(MD_EMPHASIS, '$2').replace(MD_LINK, '$1').replace(MD_AUTOLINK, '$1');
}

/** Non-blank lines of the text without markup, each with its 1-based source line. */
export function stripMarkup(text: string, format: SourceFormat = detectFormat(text)): SourceLine[] {
  if (format === 'html') return stripHtml(text);
  const out: SourceLine[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    // Markdown marks are removed from every input: PDF-to-text tools emit them in plain .txt too.
    const stripped = stripMarkdownLine(raw);
    if (stripped.trim()) out.push({ text: stripped, line: i + 1 });
  }
  return out;
}
