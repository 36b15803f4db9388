import type { Entity } from '../model/gazette.model';
import { keepNonOverlapping, longerFirst } from './overlap.resolver';

/**
 * Telephone numbers. A bare 7–8 digit number is only a phone where a label says so (电话, 热线,
 * 传真, 联系方式…); with an area code or in the shape of a mobile number it stands on its own.
 */

/** "(0358) 5300600", "（0358）5300600-801" */
const BRACKETED_AREA_RE =
  /(?<![0-9])[(（]\s?(0\d{2,3})\s?[)）]\s{0,2}[-－]?\s{0,2}(\d{7,8})(?:\s?(?:[-－]|转)\s?(\d{1,5}))?(?![0-9])/g;
/** "0358-5300600"; the area code starts with 0, which sets it apart from ranges such as 2021-2025. */
const HYPHEN_AREA_RE =
  /(?<![0-9A-Za-z\-－])(0\d{2,3})\s?[-－—–]\s?(\d{7,8})(?:\s?(?:[-－]|转)\s?(\d{1,5}))?(?![0-9\-－])/g;
/**
 * Mobile numbers written solid or with hyphens; not followed by a unit, where it would be an
 * amount. Spaced or masked forms ("139 ****2654") look like table cells and need a label.
 */
const MOBILE_RE = /(?<![0-9A-Za-z.-])(1[3-9]\d)(-?)(\d{4})\2(\d{4})(?![0-9-])(?!\s*(?:[万亿元%％年]|平方|亩))/g;
const LABELLED_MOBILE_RE = /(1[3-9]\d)[ -]?(\d{4}|\*{4})[ -]?(\d{4})(?![0-9])/y;
/** 400/800 service numbers. */
const SERVICE_RE = /(?<![0-9])([48]00)[\s-]?(\d{3})[\s-]?(\d{4})(?![0-9])/g;

/** A label, then one or more local numbers separated by 、/，/或. */
const LABEL_RE = /(?:电\s?话|热\s?线|传\s?真|联系方式|手\s?机|座\s?机)(?:号码)?\s{0,2}[:：]?\s{0,2}/g;
const LOCAL_NUMBER_RE = /(\d{7,8}|1\d{2,4})(?:\s?(?:[-－]|转)\s?(\d{1,5}))?(?![0-9])/y;
const LIST_SEPARATOR_RE = /\s{0,2}[、，,/／或]\s{0,2}/y;

/** Short public service numbers named as a hotline: "12345政务服务热线", "“12345”热线". */
const HOTLINE_RE =
  /(?<![0-9])(1\d{2,4}|9[56]\d{3})(?![0-9])(?=\s{0,2}[”"」’]?\s{0,2}[\p{Script=Han}]{0,8}?(?:热线|服务电话))/gu;

function phone(start: number, raw: string, value: string): Entity {
  return { type: 'phone', text: raw, start, end: start + raw.length, value };
}

function withExtension(value: string, extension: string | undefined): string {
  return extension ? `${value}-${extension}` : value;
}

/** A mobile or local number starting exactly at `pos`, after a label or a list separator. */
function numberAt(text: string, pos: number): Entity | null {
  LABELLED_MOBILE_RE.lastIndex = pos;
  const mobile = LABELLED_MOBILE_RE.exec(text);
  if (mobile) return phone(pos, mobile[0], `${mobile[1]}${mobile[2]}${mobile[3]}`);
  LOCAL_NUMBER_RE.lastIndex = pos;
  const local = LOCAL_NUMBER_RE.exec(text);
  return local ? phone(pos, local[0], withExtension(local[1], local[2])) : null;
}

export function findPhones(text: string): Entity[] {
  const found: Entity[] = [];
  const scan = (re: RegExp, value: (m: RegExpExecArray) => string | null): void => {
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      const v = value(m);
      if (v !== null) found.push(phone(m.index, m[0], v));
    }
  };
  scan(BRACKETED_AREA_RE, (m) => withExtension(`${m[1]}-${m[2]}`, m[3]));
  scan(HYPHEN_AREA_RE, (m) => withExtension(`${m[1]}-${m[2]}`, m[3]));
  scan(MOBILE_RE, (m) => `${m[1]}${m[3]}${m[4]}`);
  scan(SERVICE_RE, (m) => `${m[1]}-${m[2]}-${m[3]}`);
  scan(HOTLINE_RE, (m) => m[1]);

  LABEL_RE.lastIndex = 0;
  for (let m = LABEL_RE.exec(text); m !== null; m = LABEL_RE.exec(text)) {
    let pos = m.index + m[0].length;
    for (;;) {
      const n = numberAt(text, pos);
      if (!n) break;
      found.push(n);
      pos = n.end;
      LIST_SEPARATOR_RE.lastIndex = pos;
      const sep = LIST_SEPARATOR_RE.exec(text);
      if (!sep) break;
      pos += sep[0].length;
    }
  }
  // An area-code number also matches as a bare local number after a label; keep the longer.
  return keepNonOverlapping(found, longerFirst);
}
