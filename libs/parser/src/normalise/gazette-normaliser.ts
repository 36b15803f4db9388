import type { SourceLine } from '../model/gazette.model';
import { normaliseLineText } from './char-normaliser';
import { detectFormat, stripMarkup, type SourceFormat } from './markup-stripper';
import { isPageFurniture, type FurnitureContext } from './page-furniture';

export interface NormalisedGazette {
  format: SourceFormat;
  /** Every non-blank line after markup removal and character normalisation, furniture included. */
  lines: SourceLine[];
  /** Number of lines in the source (for span checks). */
  sourceLineCount: number;
}

/** Line endings to \n; markup off; characters normalised; blank lines dropped. */
export function normaliseGazette(text: string): NormalisedGazette {
  const unified = text.replace(/\r\n?/g, '\n');
  const format = detectFormat(unified);
  const lines: SourceLine[] = [];
  for (const { text: raw, line } of stripMarkup(unified, format)) {
    const normalised = normaliseLineText(raw);
    if (normalised) lines.push({ text: normalised, line });
  }
  const sourceLineCount = unified.length === 0 ? 0 : unified.split('\n').length;
  return { format, lines, sourceLineCount };
}

/** The lines with page furniture removed. */
export function removeFurniture(lines: SourceLine[], context: FurnitureContext): SourceLine[] {
  return lines.filter((l) => !isPageFurniture(l.text, context));
}
