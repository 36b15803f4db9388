/**
 * Character tests used by the backward scans. Code-unit range checks instead of regexes because
 * they run once per scanned character on every document.
 */

/** Ideographs (BMP blocks, 〇) and surrogate halves, so that rare name characters outside the BMP still count. */
export function isHanCode(code: number): boolean {
  return (
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xd800 && code <= 0xdfff) ||
    code === 0x3007
  );
}

export function isHanAt(text: string, index: number): boolean {
  return index >= 0 && index < text.length && isHanCode(text.charCodeAt(index));
}

export function isAsciiAlnumCode(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

export function isSpaceCode(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d || code === 0x3000 || code === 0xa0;
}

/** Values are compared without layout spaces and line breaks: the normaliser's squash. */
export { squash } from '../normalise/char-normaliser';
