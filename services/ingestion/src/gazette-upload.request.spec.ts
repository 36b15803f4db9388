import { BadRequestException } from '@nestjs/common';
import {
  cleanFileName,
  correlationIdFromHeader,
  defaultFileName,
  fileNameFromHeader,
  mediaTypeEssence,
  parseUploadFields,
  storedMediaType,
} from './gazette-upload.request';

describe('POST /gazettes request parts', () => {
  it('reduces a Content-Type to its essence; none is octet-stream', () => {
    expect(mediaTypeEssence('Text/Plain; charset=GBK')).toBe('text/plain');
    expect(mediaTypeEssence(undefined)).toBe('application/octet-stream');
    expect(storedMediaType('text/html; charset=utf-8')).toBe('text/html');
    expect(storedMediaType('weird')).toBe('application/octet-stream');
  });

  it('accepts the metadata fields, empty ones as absent', () => {
    expect(
      parseUploadFields({
        region: ' 汾阳市 ',
        url: 'https://example.gov.cn/a',
        published_on: '2023-08-31',
        file_name: '',
      }),
    ).toEqual({ region: '汾阳市', url: 'https://example.gov.cn/a', published_on: '2023-08-31' });
    expect(parseUploadFields(undefined)).toEqual({});
  });

  it('refuses bad values, repeated values and unknown fields with a 400 naming them', () => {
    expect(() => parseUploadFields({ published_on: '2023-02-30' })).toThrow(/published_on/);
    expect(() => parseUploadFields({ url: 'ftp:/x y' })).toThrow(/url/);
    expect(() => parseUploadFields({ region: ['a', 'b'] })).toThrow(/region/);
    expect(() => parseUploadFields({ publish_on: '2023-08-31' })).toThrow(/unknown field\(s\) publish_on/);
    expect(() => parseUploadFields({ region: 'x'.repeat(51) })).toThrow(BadRequestException);
  });

  it('keeps the base name of a file name and drops control characters', () => {
    expect(cleanFileName('C:\\fakepath\\公报.txt')).toBe('公报.txt');
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('a\u0000b\u200bc.txt')).toBe('abc.txt');
    expect(cleanFileName('dir/')).toBeUndefined();
    expect(cleanFileName('..')).toBeUndefined();
    expect(cleanFileName(undefined)).toBeUndefined();
    expect(cleanFileName('x'.repeat(300))).toHaveLength(255);
  });

  it('decodes a percent-encoded X-File-Name and refuses a broken one', () => {
    expect(fileNameFromHeader(encodeURIComponent('汾阳 公报.txt'))).toBe('汾阳 公报.txt');
    expect(fileNameFromHeader('plain.txt')).toBe('plain.txt');
    expect(fileNameFromHeader(undefined)).toBeUndefined();
    expect(() => fileNameFromHeader('%E4%B8')).toThrow(BadRequestException);
  });

  it('names an unnamed file after its media type', () => {
    expect(defaultFileName('text/plain')).toBe('gazette.txt');
    expect(defaultFileName('text/html; charset=utf-8')).toBe('gazette.html');
    expect(defaultFileName('text/markdown')).toBe('gazette.md');
    expect(defaultFileName('application/octet-stream')).toBe('gazette.bin');
  });

  it('takes a printable correlation id and refuses others', () => {
    expect(correlationIdFromHeader('req-42')).toBe('req-42');
    expect(correlationIdFromHeader(undefined)).toBeUndefined();
    expect(correlationIdFromHeader('')).toBeUndefined();
    expect(() => correlationIdFromHeader('a b')).toThrow(BadRequestException);
    expect(() => correlationIdFromHeader('x'.repeat(101))).toThrow(BadRequestException);
  });
});
