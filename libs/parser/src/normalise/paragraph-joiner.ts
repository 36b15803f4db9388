/**
 * Hard-wrapped lines back into paragraphs. A line continues the previous one when the previous
 * physical line reached the text's usual width and did not end a sentence; short lines (headings,
 * list items, the last line of a paragraph) end where they stand.
 */

const SENTENCE_END = /[。；;！!？?：:]$/;
const LATIN_END = /[A-Za-z]$/;
const LATIN_START = /^[A-Za-z]/;
const MIN_WRAP_WIDTH = 8;

function typicalWidth(lines: string[]): number {
  if (!lines.length) return 0;
  const lengths = lines.map((l) => l.length).sort((a, b) => a - b);
  // Too few lines for a percentile: the longest stands for the width.
  return lengths.length < 5 ? lengths[lengths.length - 1] : lengths[Math.floor((lengths.length - 1) * 0.9)];
}

export function joinParagraphs(lines: string[]): string[] {
  const width = typicalWidth(lines);
  const out: string[] = [];
  let previous: string | null = null;
  for (const line of lines) {
    const continues =
      previous != null && width >= MIN_WRAP_WIDTH && previous.length >= width * 0.8 && !SENTENCE_END.test(previous);
    if (continues) {
      const last = out[out.length - 1];
      out[out.length - 1] = last + (LATIN_END.test(last) && LATIN_START.test(line) ? ' ' : '') + line;
    } else {
      out.push(line);
    }
    previous = line;
  }
  return out;
}
