import {
  BadRequestException,
  CallHandler,
  ExecutionContext,
  Inject,
  Injectable,
  NestInterceptor,
  PayloadTooLargeException,
  UnsupportedMediaTypeException,
  createParamDecorator,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { INGESTION_CONFIG, type IngestionConfig } from './ingestion.config';
import { MULTIPART_MEDIA_TYPE, RAW_MEDIA_TYPES, mediaTypeEssence } from './gazette-upload.request';

/** The file of a `POST /gazettes`, whichever way it was sent. */
export interface GazetteUpload {
  bytes: Buffer;
  /** From the multipart part; the raw body carries its name in a header or the query instead. */
  fileName?: string;
  /** Media type the client declared for the file. */
  mediaType: string;
  /** Query parameters, with the multipart form fields over them. */
  fields: Record<string, unknown>;
}

/** The part of a multer file this service reads (multer's own types are not installed). */
interface MulterFile {
  originalname: string;
  mimetype: string;
  buffer: Buffer;
}

const UPLOAD = Symbol('gazette-upload');
type RequestWithUpload = Request & { [UPLOAD]?: GazetteUpload; file?: MulterFile };

/** Route parameter: the `GazetteUpload` the interceptor read. */
export const UploadedGazette = createParamDecorator((_data: unknown, context: ExecutionContext): GazetteUpload => {
  const upload = context.switchToHttp().getRequest<RequestWithUpload>()[UPLOAD];
  if (!upload) throw new Error('@UploadedGazette() needs @UseInterceptors(GazetteUploadInterceptor) on the route');
  return upload;
});

/**
 * Reads the gazette of a `POST /gazettes`: multipart/form-data through multer (field `file`),
 * a raw text or octet-stream body by hand. Both stop buffering at MAX_GAZETTE_BYTES and answer
 * 413; the rest of an over-size body is read and dropped, so the client sees the answer instead
 * of a reset connection. The application runs without Nest's JSON/urlencoded body parsers.
 */
@Injectable()
export class GazetteUploadInterceptor implements NestInterceptor {
  private readonly multipart: NestInterceptor;
  private readonly maxBytes: number;

  constructor(@Inject(INGESTION_CONFIG) config: Pick<IngestionConfig, 'MAX_GAZETTE_BYTES'>) {
    this.maxBytes = config.MAX_GAZETTE_BYTES;
    const Multipart = FileInterceptor('file', {
      limits: { fileSize: this.maxBytes, files: 1, fields: 20 },
      // Browsers and curl send Chinese file names as raw UTF-8 in the part header.
      defParamCharset: 'utf8',
    });
    this.multipart = new Multipart();
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<RequestWithUpload>();
    const contentType = mediaTypeEssence(request.headers['content-type']);
    const query = { ...(request.query as Record<string, unknown>) };

    if (contentType === MULTIPART_MEDIA_TYPE) {
      // multer parses the body first; the handler below then runs the route.
      return this.multipart.intercept(context, {
        handle: () => {
          const file = request.file;
          if (!file) {
            throw new BadRequestException('multipart/form-data must carry the gazette in a file field named "file"');
          }
          request[UPLOAD] = {
            bytes: file.buffer,
            fileName: file.originalname,
            mediaType: file.mimetype,
            fields: { ...query, ...(request.body as Record<string, unknown> | undefined) },
          };
          return next.handle();
        },
      });
    }
    if (!(RAW_MEDIA_TYPES as readonly string[]).includes(contentType)) {
      await discardBody(request);
      throw new UnsupportedMediaTypeException(
        `Content-Type ${contentType} is not accepted; send the file as ${RAW_MEDIA_TYPES.join(', ')} or ${MULTIPART_MEDIA_TYPE} (field "file")`,
      );
    }
    request[UPLOAD] = {
      bytes: await readBody(request, this.maxBytes),
      mediaType: contentType,
      fields: query,
    };
    return next.handle();
  }
}

/** The body, or a 413 once it passes `maxBytes` (checked against Content-Length first). */
async function readBody(request: Request, maxBytes: number): Promise<Buffer> {
  const tooLarge = (size: string) =>
    new PayloadTooLargeException(`the file is ${size}; the limit is ${maxBytes} bytes (MAX_GAZETTE_BYTES)`);
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await discardBody(request);
    throw tooLarge(`${declared} bytes`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let over = false;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) over = true;
    if (!over) chunks.push(chunk);
  }
  if (over) throw tooLarge(`${size} bytes`);
  return Buffer.concat(chunks, size);
}

async function discardBody(request: Request): Promise<void> {
  if (request.readableEnded) return;
  for await (const _chunk of request as AsyncIterable<Buffer>) {
    // Dropped: only reaching the end matters.
  }
}
