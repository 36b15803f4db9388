/**
 * Identity of names across documents. Gazettes are PDF extractions: layout spaces fall inside names
 * ("王  吉") and the same bracket or digit comes full-width in one issue and half-width in the next,
 * so identifiers are compared after removing whitespace and applying NFKC.
 */

const WHITESPACE = /[\s\u3000]+/gu;

/** Whitespace removed, nothing else changed: the form kept for display. */
export function squashSpaces(text: string): string {
  return text.replace(WHITESPACE, '');
}

/** The comparable form of a person or post name (NFKC, no whitespace). Idempotent. */
export function normaliseName(text: string): string {
  return squashSpaces(text.normalize('NFKC'));
}
