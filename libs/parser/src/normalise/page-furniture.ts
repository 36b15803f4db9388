import { squash } from './char-normaliser';

/**
 * Page furniture: what the page layout adds around the documents — page numbers, running
 * headers, QR-code and "咨询与解读" boxes. It is removed before segmentation so that it can
 * neither split a document nor end up inside a title.
 */

const PAGE_NUMBER =
  /^(?:[-—–－─_~·•・]+\d{1,4}[-—–－─_~·•・]+|第\d{1,4}页(?:[,，]?共\d{1,4}页)?|\d{1,4}\/\d{1,4}|[-—–－]\d{1,4}|\d{1,4}[-—–－])$/;
const CONSULT_BOX =
  /^(?:咨询(?:单位|电话|部门|机构)[:：]|(?:咨询与解读|政策解读|图文解读|扫码咨询|扫码阅读|扫码解读|扫一扫|掌上公报|扫码查看)(?:[^。；;]{0,12})$)/;
const SENTENCE_MARK = /[，。；：:,;、《》！？]/;
const ISSUE_MARK = /(?:19|20)\d{2}|第.{1,6}期|期$/;

const MAX_FURNITURE_LENGTH = 80;

export interface FurnitureContext {
  /** The gazette's own name ("吕梁市人民政府公报"), squashed, when known. */
  gazetteName: string | null;
}

/** True when the line is page furniture rather than text of a document. */
export function isPageFurniture(text: string, context: FurnitureContext): boolean {
  // Furniture is short; most lines are prose and are let through without more work.
  if (text.length > MAX_FURNITURE_LENGTH) return false;
  const s = squash(text);
  if (PAGE_NUMBER.test(s) || CONSULT_BOX.test(s)) return true;
  return isRunningHeader(s, context.gazetteName);
}

/**
 * A running header is the gazette's name with its issue and often the section
 * ("吕梁市人民政府公报 2023·3 市政府文件"), in either order, and nothing sentence-like.
 */
export function isRunningHeader(squashed: string, gazetteName: string | null): boolean {
  if (!gazetteName) return false;
  const at = squashed.indexOf(gazetteName);
  if (at < 0) return false;
  const rest = squashed.slice(0, at) + squashed.slice(at + gazetteName.length);
  if (rest.length > 24 || SENTENCE_MARK.test(rest)) return false;
  return rest.length === 0 || ISSUE_MARK.test(rest) || /文件$|任免$|公告$|通告$/.test(rest);
}
