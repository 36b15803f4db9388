/** Entity extraction: the pure stage that reads names, numbers, dates and amounts out of one document. */
export { extractEntities, type EntityContext } from './entity-extractor';
export { extractRegulationTerms } from './regulation-terms.extractor';
export { parseChineseNumeral, CHINESE_NUMERAL_CHARS, CHINESE_DIGIT_CHARS } from './chinese-numeral';
export { normaliseDocNumber } from './doc-number.pattern';
