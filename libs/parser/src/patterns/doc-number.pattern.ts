/**
 * 发文字号: issuer code, year in brackets, serial, 号 ("临政办发〔2022〕44号"). Gazettes print the
 * year bracket in every width and shape; the schema writes it 〔〕.
 */

const OPEN = '[〔\\[［(（【﹝〖]';
const CLOSE = '[〕\\]］)）】﹞〗]';
const CODE = '[\\u4e00-\\u9fa5A-Za-z]{1,16}?';

/**
 * A line that is only a doc number, as printed under a title: optionally in brackets, optionally
 * after the signing date, optionally followed by 签发人 (上行文) — squashed before matching.
 */
const DOC_NUMBER_LINE = new RegExp(
  `^[（(]?(?:(?:19|20)\\d{2}年\\d{1,2}月\\d{1,2}日)?(${CODE})${OPEN}((?:19|20)\\d{2})${CLOSE}第?(\\d{1,5})号[）)]?(?:签发人[:：].{1,12})?$`,
);

/** 政府令 and some 公告 carry only "第N号". */
const ORDER_NUMBER_LINE = /^[（(]?第([0-9一二三四五六七八九十百零〇]{1,6})号[）)]?$/;

export function formatDocNumber(code: string, year: string, serial: string): string {
  return `${code}〔${year}〕${serial}号`;
}

/** The normalised doc number if the squashed line is nothing but one. */
export function matchDocNumberLine(squashed: string): string | null {
  const m = DOC_NUMBER_LINE.exec(squashed);
  return m ? formatDocNumber(m[1], m[2], m[3]) : null;
}

export function matchOrderNumberLine(squashed: string): string | null {
  const m = ORDER_NUMBER_LINE.exec(squashed);
  return m ? `第${m[1]}号` : null;
}
