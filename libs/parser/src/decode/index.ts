export { decodeGazette } from './gazette-decoder';
export type { DecodedText, GazetteEncoding } from './gazette-decoder';
