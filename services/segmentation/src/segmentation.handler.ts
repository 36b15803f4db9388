import {
  ContractViolation,
  SUBJECTS,
  parseRpcReply,
  parseRpcRequest,
  type EventEnvelope,
  type GazetteIngestedPayload,
  type RpcName,
  type RpcReply,
  type RpcRequest,
} from '@gazette-watch/contracts';
import { PermanentError } from '@gazette-watch/messaging';
import { Controller } from '@nestjs/common';
import { EventPattern, MessagePattern, Payload } from '@nestjs/microservices';
import { GetDocument } from './use-cases/get-document.use-case';
import { ReportReplayDocuments } from './use-cases/report-replay-documents.use-case';
import { ReportSegmentationProgress } from './use-cases/report-segmentation-progress.use-case';
import { SearchDocuments } from './use-cases/search-documents.use-case';
import { SegmentGazette } from './use-cases/segment-gazette.use-case';

/**
 * Adapts messages to use cases. Events arrive already validated (the transport's `validate` runs
 * `parseEnvelope`); requests are validated here, and a malformed one is refused as permanent.
 */
@Controller()
export class SegmentationHandler {
  constructor(
    private readonly segmentGazette: SegmentGazette,
    private readonly searchDocuments: SearchDocuments,
    private readonly getDocument: GetDocument,
    private readonly reportProgress: ReportSegmentationProgress,
    private readonly reportReplayDocuments: ReportReplayDocuments,
  ) {}

  @EventPattern(SUBJECTS.gazetteIngested)
  async onGazetteIngested(@Payload() event: EventEnvelope<GazetteIngestedPayload>): Promise<void> {
    await this.segmentGazette.execute({
      gazetteId: event.payload.gazette_id,
      fileName: event.payload.file_name,
      correlationId: event.correlation_id,
      replayRun: event.replay_run,
    });
  }

  @MessagePattern('documents.search')
  async search(@Payload() data: unknown): Promise<RpcReply<'documents.search'>> {
    return reply('documents.search', await this.searchDocuments.execute(request('documents.search', data)));
  }

  @MessagePattern('document.get')
  async get(@Payload() data: unknown): Promise<RpcReply<'document.get'>> {
    return reply('document.get', await this.getDocument.execute(request('document.get', data)));
  }

  @MessagePattern('segmentation.progress')
  async progress(@Payload() data: unknown): Promise<RpcReply<'segmentation.progress'>> {
    return reply('segmentation.progress', await this.reportProgress.execute(request('segmentation.progress', data)));
  }

  @MessagePattern('replay.documents-report')
  async replayDocuments(@Payload() data: unknown): Promise<RpcReply<'replay.documents-report'>> {
    return reply(
      'replay.documents-report',
      await this.reportReplayDocuments.execute(request('replay.documents-report', data)),
    );
  }
}

function request<N extends RpcName>(name: N, data: unknown): RpcRequest<N> {
  try {
    return parseRpcRequest(name, data);
  } catch (error) {
    // Asking again with the same request cannot succeed; the caller should hear so, not time out.
    if (error instanceof ContractViolation) throw new PermanentError(error.message, { cause: error });
    throw error;
  }
}

/** Our own answer checked against the contract, so a mapping bug fails here rather than in the gateway. */
function reply<N extends RpcName>(name: N, data: RpcReply<N>): RpcReply<N> {
  return parseRpcReply(name, data);
}
