import { isUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';

import { GazetteInputError } from '../model/gazette-input.error';

export type GazetteEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gb18030';

export interface DecodedText {
  /** The decoded text, byte-order mark removed. */
  text: string;
  encoding: GazetteEncoding;
}

/** Formats that people upload instead of text, recognised by their first bytes. */
const BINARY_SIGNATURES: { magic: number[]; looksLike: string }[] = [
  {
    magic: [0x50, 0x4b, 0x03, 0x04],
    looksLike: 'a ZIP archive (DOCX, XLSX, OFD and EPUB files are ZIP archives); extract its text first',
  },
  { magic: [0x50, 0x4b, 0x05, 0x06], looksLike: 'an empty ZIP archive' },
  {
    magic: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
    looksLike: 'a legacy Office or WPS document (DOC, XLS, WPS); save it as text first',
  },
  { magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], looksLike: 'a PNG image; scanned pages need OCR first' },
  { magic: [0xff, 0xd8, 0xff], looksLike: 'a JPEG image; scanned pages need OCR first' },
  { magic: [0x47, 0x49, 0x46, 0x38], looksLike: 'a GIF image' },
  { magic: [0x49, 0x49, 0x2a, 0x00], looksLike: 'a TIFF image; scanned pages need OCR first' },
  { magic: [0x4d, 0x4d, 0x00, 0x2a], looksLike: 'a TIFF image; scanned pages need OCR first' },
  { magic: [0x1f, 0x8b], looksLike: 'a gzip archive; decompress it first' },
  { magic: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], looksLike: 'a 7-Zip archive; extract its text first' },
  { magic: [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07], looksLike: 'a RAR archive; extract its text first' },
  { magic: [0x7f, 0x45, 0x4c, 0x46], looksLike: 'an executable (ELF)' },
];
/** PDF readers accept junk before "%PDF-" within the first KiB, and some producers leave some. */
const PDF_HEADER_WINDOW = 1024;
const PDF_LOOKS_LIKE = 'a PDF file; PDF input is not supported yet';

const UTF8_BOM = [0xef, 0xbb, 0xbf];
const UTF16LE_BOM = [0xff, 0xfe];
const UTF16BE_BOM = [0xfe, 0xff];

/** Enough code units to see the NUL pattern of BOM-less UTF-16 without reading a large file twice. */
const UTF16_SNIFF_BYTES = 64 * 1024;
/** In UTF-16 text every ASCII character (digits, spaces, newlines) puts a NUL on one side of its pair. */
const UTF16_MIN_NUL_SHARE = 0.02;
/** CJK code units ending in 00 (一 is U+4E00) put a few NULs on the other side; real text stays far below this. */
const UTF16_MAX_OPPOSITE_NUL_RATIO = 0.25;
/** Text has tabs, line and page breaks; more than this share of other control characters is not text. */
const MAX_CONTROL_SHARE = 0.01;

type Utf16Encoding = 'utf-16le' | 'utf-16be';

/**
 * Bytes of a gazette as a text file to text, detecting the encoding: a byte-order mark, else
 * BOM-less UTF-16 when its NUL pattern is unmistakable, else strict UTF-8, else strict GB18030
 * (a superset of GBK and GB2312). Throws GazetteInputError for empty, binary or undecodable input.
 * Linear in the input size.
 */
export function decodeGazette(bytes: Uint8Array): DecodedText {
  if (bytes.length === 0) throw new GazetteInputError('empty', 'the input is empty (0 bytes)');
  rejectKnownBinaryFormat(bytes);
  const utf16 = detectUtf16(bytes);
  const decoded = utf16 ? decodeUtf16(bytes, utf16.encoding, utf16.bomLength) : decodeByteEncoding(bytes);
  if (!/\S/.test(decoded.text)) {
    throw new GazetteInputError('empty', 'the input holds only whitespace');
  }
  return decoded;
}

function rejectKnownBinaryFormat(bytes: Uint8Array): void {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, PDF_HEADER_WINDOW));
  if (head.includes('%PDF-')) throw binaryInput(PDF_LOOKS_LIKE);
  for (const { magic, looksLike } of BINARY_SIGNATURES) {
    if (startsWith(bytes, magic)) throw binaryInput(looksLike);
  }
}

function detectUtf16(bytes: Uint8Array): { encoding: Utf16Encoding; bomLength: number } | null {
  if (startsWith(bytes, UTF16LE_BOM)) return { encoding: 'utf-16le', bomLength: 2 };
  if (startsWith(bytes, UTF16BE_BOM)) return { encoding: 'utf-16be', bomLength: 2 };
  const pairs = Math.floor(Math.min(bytes.length, UTF16_SNIFF_BYTES) / 2);
  let evenNuls = 0;
  let oddNuls = 0;
  for (let i = 0; i < pairs * 2; i += 2) {
    if (bytes[i] === 0) evenNuls++;
    if (bytes[i + 1] === 0) oddNuls++;
  }
  // ASCII in little-endian is "A\0": the NUL is the odd byte of the pair.
  const [dominant, opposite, encoding]: [number, number, Utf16Encoding] =
    oddNuls >= evenNuls ? [oddNuls, evenNuls, 'utf-16le'] : [evenNuls, oddNuls, 'utf-16be'];
  if (dominant > 0 && dominant >= pairs * UTF16_MIN_NUL_SHARE && opposite <= dominant * UTF16_MAX_OPPOSITE_NUL_RATIO) {
    return { encoding, bomLength: 0 };
  }
  return null;
}

function decodeUtf16(bytes: Uint8Array, encoding: Utf16Encoding, bomLength: number): DecodedText {
  const text = tryDecode(encoding, bytes.subarray(bomLength));
  if (text === null) {
    // Without a BOM, UTF-16 was only a guess from the NUL bytes: failing it leaves NUL-laden bytes.
    if (!bomLength) throw binaryInput('binary data (NUL bytes, yet not UTF-16)');
    throw new GazetteInputError(
      'undecodable',
      `the input starts with a UTF-16 byte-order mark but is not valid ${encoding.toUpperCase()}`,
    );
  }
  // UTF-16 accepts almost any even byte string, so binary data can get this far; its code units show it.
  rejectControlHeavy(text.length, (i) => text.charCodeAt(i));
  return { text, encoding };
}

function decodeByteEncoding(bytes: Uint8Array): DecodedText {
  const nul = bytes.indexOf(0);
  if (nul >= 0) throw binaryInput(`binary data (a NUL byte at offset ${nul})`);
  // Bytes below 0x20 and 0x7F never occur inside UTF-8 or GB18030 multi-byte sequences.
  rejectControlHeavy(bytes.length, (i) => bytes[i]);

  if (startsWith(bytes, UTF8_BOM)) {
    const text = tryDecode('utf-8', bytes.subarray(UTF8_BOM.length));
    if (text === null) {
      throw new GazetteInputError(
        'undecodable',
        'the input starts with a UTF-8 byte-order mark but is not valid UTF-8',
      );
    }
    return { text, encoding: 'utf-8-bom' };
  }
  // Valid UTF-8 (the common case) is checked and decoded natively, several times faster.
  if (isUtf8(bytes))
    return { text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'), encoding: 'utf-8' };
  const utf8 = tryDecode('utf-8', bytes);
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8' };
  const gb18030 = tryDecode('gb18030', bytes);
  // GB18030 has a byte-order mark of its own (84 31 95 33), decoded as U+FEFF.
  if (gb18030 !== null) return { text: gb18030.replace(/^\uFEFF/, ''), encoding: 'gb18030' };
  throw new GazetteInputError(
    'undecodable',
    'the input is neither UTF-8, UTF-16 nor GB18030/GBK text; convert it to UTF-8 first',
  );
}

/**
 * Strict decoding, except that an incomplete last character is dropped rather than failing the
 * whole file: a file cut short (an interrupted download or copy) is still read, one character short.
 */
function tryDecode(encoding: 'utf-8' | 'gb18030' | Utf16Encoding, bytes: Uint8Array): string | null {
  try {
    // stream: true holds back an incomplete tail instead of throwing; ignoreBOM keeps any mark in
    // the body, since only the leading one is stripped. A decoder per call: streaming keeps state.
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes, { stream: true });
  } catch {
    return null;
  }
}

/** Counts C0 controls and DEL, except tab, line feed, vertical tab, form feed (page breaks) and carriage return. */
function rejectControlHeavy(length: number, codeAt: (i: number) => number): void {
  // Binary data shows itself at once; the head is enough and keeps large texts fast.
  const sampled = Math.min(length, CONTROL_SAMPLE);
  let controls = 0;
  for (let i = 0; i < sampled; i++) {
    const code = codeAt(i);
    if (code < 0x09 || (code > 0x0d && code < 0x20) || code === 0x7f) controls++;
  }
  if (controls > sampled * MAX_CONTROL_SHARE) throw binaryInput('binary data (too many control characters)');
}

const CONTROL_SAMPLE = 64 * 1024;

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((byte, i) => bytes[i] === byte);
}

function binaryInput(looksLike: string): GazetteInputError {
  return new GazetteInputError('binary', `the input looks like ${looksLike}`);
}
