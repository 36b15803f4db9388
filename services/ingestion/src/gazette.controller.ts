import { isGazetteId } from '@gazette-watch/contracts';
import { runInLogContext } from '@gazette-watch/messaging';
import {
  BadRequestException,
  Controller,
  Get,
  Headers,
  NotFoundException,
  Param,
  Post,
  Res,
  UseInterceptors,
} from '@nestjs/common';
import type { Response } from 'express';
import { GazetteUpload, GazetteUploadInterceptor, UploadedGazette } from './gazette-upload.interceptor';
import {
  cleanFileName,
  correlationIdFromHeader,
  defaultFileName,
  fileNameFromHeader,
  parseUploadFields,
  storedMediaType,
} from './gazette-upload.request';
import { GazetteRepository } from './gazette.repository';
import { GazetteView, gazetteViewOf } from './gazette.view';
import { INGESTION_SERVICE } from './ingestion.config';
import { IngestGazette } from './use-cases/ingest-gazette.use-case';

export interface IngestResponse {
  gazette_id: string;
  duplicate: boolean;
  correlation_id: string;
}

const CORRELATION_HEADER = 'X-Correlation-Id';

/** The HTTP face: submit a gazette file, read back what was stored. */
@Controller('gazettes')
export class GazetteController {
  constructor(
    private readonly ingest: IngestGazette,
    private readonly gazettes: GazetteRepository,
  ) {}

  /** 201 for a new gazette, 200 for one already stored (the same bytes), with the same body. */
  @Post()
  @UseInterceptors(GazetteUploadInterceptor)
  async create(
    @UploadedGazette() upload: GazetteUpload,
    @Headers('x-file-name') fileNameHeader: string | undefined,
    @Headers('x-correlation-id') correlationHeader: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<IngestResponse> {
    const fields = parseUploadFields(upload.fields);
    const correlationId = correlationIdFromHeader(correlationHeader);
    const mediaType = storedMediaType(upload.mediaType);
    const fileName =
      cleanFileName(fileNameFromHeader(fileNameHeader)) ??
      cleanFileName(fields.file_name) ??
      cleanFileName(upload.fileName) ??
      defaultFileName(mediaType);

    // Every line logged while ingesting carries the request's id, the correlation id of the chain.
    const result = await runInLogContext({ service: INGESTION_SERVICE, correlationId }, () =>
      this.ingest.execute({
        bytes: upload.bytes,
        fileName,
        mediaType,
        region: fields.region,
        url: fields.url,
        publishedOn: fields.published_on,
        correlationId,
      }),
    );
    response.status(result.duplicate ? 200 : 201).setHeader(CORRELATION_HEADER, result.correlationId);
    return { gazette_id: result.gazetteId, duplicate: result.duplicate, correlation_id: result.correlationId };
  }

  @Get(':id')
  async get(@Param('id') id: string): Promise<GazetteView> {
    if (!isGazetteId(id))
      throw new BadRequestException('a gazette id is a lower-case sha256 hex digest (64 characters)');
    const gazette = await this.gazettes.findMetadata(id);
    if (!gazette) throw new NotFoundException(`no gazette ${id}`);
    return gazetteViewOf(gazette);
  }
}

/** Liveness for orchestrators and `gazette up`. */
@Controller('health')
export class HealthController {
  @Get()
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }
}
