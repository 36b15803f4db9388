import { SUBJECTS, type EventEnvelope, type GazetteIngestedPayload, type RpcReply } from '@gazette-watch/contracts';
import { acceptRpcRequest, checkRpcReply } from '@gazette-watch/messaging';
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
    return checkRpcReply(
      'documents.search',
      await this.searchDocuments.execute(acceptRpcRequest('documents.search', data)),
    );
  }

  @MessagePattern('document.get')
  async get(@Payload() data: unknown): Promise<RpcReply<'document.get'>> {
    return checkRpcReply('document.get', await this.getDocument.execute(acceptRpcRequest('document.get', data)));
  }

  @MessagePattern('segmentation.progress')
  async progress(@Payload() data: unknown): Promise<RpcReply<'segmentation.progress'>> {
    return checkRpcReply(
      'segmentation.progress',
      await this.reportProgress.execute(acceptRpcRequest('segmentation.progress', data)),
    );
  }

  @MessagePattern('replay.documents-report')
  async replayDocuments(@Payload() data: unknown): Promise<RpcReply<'replay.documents-report'>> {
    return checkRpcReply(
      'replay.documents-report',
      await this.reportReplayDocuments.execute(acceptRpcRequest('replay.documents-report', data)),
    );
  }
}
