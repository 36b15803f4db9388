import { GAZETTE_FETCH, type RpcReply, type StageProgress } from '@gazette-watch/contracts';
import { acceptRpcRequest, JetStreamExceptionFilter, PermanentError } from '@gazette-watch/messaging';
import { GazetteInputError } from '@gazette-watch/parser';
import { Controller, UseFilters } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { cleanFileName, defaultFileName, isCorrelationId, storedMediaType } from './gazette-upload.request';
import { GazetteRepository } from './gazette.repository';
import { storedGazetteOf } from './gazette.view';
import { IngestCommandError, IngestGazette } from './use-cases/ingest-gazette.use-case';

/** The stage name in progress replies. */
export const INGESTION_STAGE = 'ingestion';

/**
 * Request/reply on `rpc.ingestion.<name>`. Requests are checked against RPC_CONTRACTS; a request
 * that cannot succeed however often it is repeated answers with a PermanentError.
 *
 * The JetStream filter sits here rather than globally: in a hybrid application the connected
 * microservice is initialised with the HTTP app, too late for `useGlobalFilters`, and the HTTP
 * routes have a filter of their own.
 */
@Controller()
@UseFilters(new JetStreamExceptionFilter())
export class GazetteHandler {
  constructor(
    private readonly ingest: IngestGazette,
    private readonly gazettes: GazetteRepository,
  ) {}

  @MessagePattern(GAZETTE_FETCH)
  async fetch(@Payload() data: unknown): Promise<RpcReply<typeof GAZETTE_FETCH>> {
    const { gazette_id } = acceptRpcRequest(GAZETTE_FETCH, data);
    const bytes = await this.gazettes.findBytes(gazette_id);
    if (!bytes) throw new PermanentError(`no gazette ${gazette_id} is stored`);
    return { gazette_id, bytes_base64: bytes.toString('base64') };
  }

  @MessagePattern('gazette.ingest')
  async ingestGazette(@Payload() data: unknown): Promise<RpcReply<'gazette.ingest'>> {
    const command = acceptRpcRequest('gazette.ingest', data);
    if (command.correlation_id !== undefined && !isCorrelationId(command.correlation_id)) {
      throw new PermanentError('correlation_id must be 1 to 100 printable ASCII characters without spaces');
    }
    const mediaType = storedMediaType(command.media_type);
    try {
      const result = await this.ingest.execute({
        bytes: Buffer.from(command.bytes_base64, 'base64'),
        fileName: cleanFileName(command.file_name) ?? defaultFileName(mediaType),
        mediaType,
        region: command.region,
        url: command.url,
        publishedOn: command.published_on,
        correlationId: command.correlation_id,
      });
      return { gazette_id: result.gazetteId, duplicate: result.duplicate };
    } catch (error) {
      if (error instanceof GazetteInputError || error instanceof IngestCommandError) {
        throw new PermanentError(error.message, { cause: error });
      }
      throw error;
    }
  }

  @MessagePattern('gazette.list')
  async list(@Payload() data: unknown): Promise<RpcReply<'gazette.list'>> {
    const { limit, offset } = acceptRpcRequest('gazette.list', data ?? {});
    const page = await this.gazettes.list(limit, offset);
    return { total: page.total, items: page.items.map(storedGazetteOf) };
  }

  @MessagePattern('ingestion.progress')
  async progress(@Payload() data: unknown): Promise<StageProgress> {
    const { gazette_id } = acceptRpcRequest('ingestion.progress', data);
    const gazette = await this.gazettes.findMetadata(gazette_id);
    // One item per gazette: the stored file.
    return {
      gazette_id,
      stage: INGESTION_STAGE,
      done: gazette ? 1 : 0,
      expected: 1,
      updated_at: gazette ? gazette.receivedAt.toISOString() : null,
    };
  }
}
