import { gazetteIngestRequestSchema } from '@gazette-watch/contracts';
import { BadRequestException } from '@nestjs/common';
import { z } from 'zod';

/**
 * What `POST /gazettes` accepts besides the file, and how its parts are read. Pure functions, so
 * the rules are unit-tested without a server.
 */

/** Content types sent as the raw file; anything else but multipart/form-data is refused with 415. */
export const RAW_MEDIA_TYPES = ['text/plain', 'text/html', 'text/markdown', 'application/octet-stream'] as const;

export const MULTIPART_MEDIA_TYPE = 'multipart/form-data';

/** `type/subtype` in lower case without parameters; an absent header counts as octet-stream. */
export function mediaTypeEssence(contentType: string | undefined): string {
  const essence = (contentType ?? '').split(';')[0].trim().toLowerCase();
  return essence || 'application/octet-stream';
}

// An empty form field or `?region=` means "not given", as browsers send every field of a form.
const optionalField = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

const requestShape = gazetteIngestRequestSchema.shape;

/**
 * The query (raw body) or form fields (multipart), checked with the limits of the `gazette.ingest`
 * request so both doors accept the same metadata. Unknown fields are refused: a misspelt
 * `publish_on` would otherwise be dropped without a word.
 */
export const uploadFieldsSchema = z.strictObject({
  file_name: optionalField(requestShape.file_name),
  region: optionalField(requestShape.region.unwrap().trim().min(1)),
  url: optionalField(requestShape.url.unwrap()),
  published_on: optionalField(requestShape.published_on.unwrap()),
});

export type UploadFields = z.infer<typeof uploadFieldsSchema>;

/** Throws a 400 naming every bad field. */
export function parseUploadFields(fields: unknown): UploadFields {
  const result = uploadFieldsSchema.safeParse(fields ?? {});
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') return `unknown field(s) ${issue.keys.join(', ')}`;
    const field = issue.path.join('.') || 'fields';
    return `${field}: ${issue.message}`;
  });
  throw new BadRequestException(`invalid request fields: ${problems.join('; ')}`);
}

/**
 * The file name as a file name, not a path: clients send `C:\\fakepath\\x.txt` or `../x.txt`, and
 * control characters would corrupt logs. Undefined when nothing usable is left.
 */
export function cleanFileName(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const base = raw.split(/[\\/]/).pop() ?? '';
  const clean = base
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}]+/gu, '')
    .trim()
    .slice(0, 255);
  return clean === '' || clean === '.' || clean === '..' ? undefined : clean;
}

/**
 * `X-File-Name` travels percent-encoded, because header values are Latin-1 and gazette file names
 * are Chinese; a value that is not valid percent-encoding is a client bug worth a 400.
 */
export function fileNameFromHeader(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (Array.isArray(header)) throw new BadRequestException('send one X-File-Name header, not several');
  try {
    return decodeURIComponent(header);
  } catch {
    throw new BadRequestException('X-File-Name must be percent-encoded UTF-8 (encodeURIComponent)');
  }
}

const DEFAULT_EXTENSIONS: Record<string, string> = {
  'text/html': '.html',
  'text/markdown': '.md',
  'text/plain': '.txt',
};

/** For a file sent without a name: `gazette` with the extension of its media type. */
export function defaultFileName(mediaType: string): string {
  return `gazette${DEFAULT_EXTENSIONS[mediaTypeEssence(mediaType)] ?? '.bin'}`;
}

/** What a media type must look like to travel in `gazette.ingested`; other values become octet-stream. */
const MEDIA_TYPE = /^[\w.+-]+\/[\w.+-]+$/;

export function storedMediaType(mediaType: string | undefined): string {
  const essence = mediaTypeEssence(mediaType);
  return MEDIA_TYPE.test(essence) ? essence : 'application/octet-stream';
}

/** Printable ASCII without spaces: it is copied into NATS headers and log lines. */
const CORRELATION_ID = /^[\x21-\x7e]{1,100}$/;

export function isCorrelationId(value: string): boolean {
  return CORRELATION_ID.test(value);
}

/** The caller's `X-Correlation-Id`, or undefined to have one generated; a malformed one is a 400. */
export function correlationIdFromHeader(header: string | string[] | undefined): string | undefined {
  if (header === undefined || header === '') return undefined;
  if (Array.isArray(header) || !isCorrelationId(header)) {
    throw new BadRequestException('X-Correlation-Id must be 1 to 100 printable ASCII characters without spaces');
  }
  return header;
}
