import { SUBJECTS, type DocumentSegmentedPayload, type EventEnvelope, type RpcReply } from '@gazette-watch/contracts';
import { acceptRpcRequest, checkRpcReply } from '@gazette-watch/messaging';
import { Controller } from '@nestjs/common';
import { EventPattern, MessagePattern, Payload } from '@nestjs/microservices';
import { ExtractDocument } from './use-cases/extract-document.use-case';
import { GetEntities } from './use-cases/get-entities.use-case';
import { ReportExtractionProgress } from './use-cases/report-extraction-progress.use-case';

/**
 * Adapts messages to use cases. Events arrive already validated (the transport's `validate` runs
 * `parseEnvelope`); requests are validated here, and a malformed one is refused as permanent.
 */
@Controller()
export class ExtractionHandler {
  constructor(
    private readonly extractDocument: ExtractDocument,
    private readonly getEntities: GetEntities,
    private readonly reportProgress: ReportExtractionProgress,
  ) {}

  @EventPattern(SUBJECTS.documentSegmented)
  async onDocumentSegmented(@Payload() event: EventEnvelope<DocumentSegmentedPayload>): Promise<void> {
    await this.extractDocument.execute({
      segmented: event.payload,
      correlationId: event.correlation_id,
      replayRun: event.replay_run,
      replayDocumentCount: event.replay_document_count,
    });
  }

  @MessagePattern('entities.get')
  async entities(@Payload() data: unknown): Promise<RpcReply<'entities.get'>> {
    return checkRpcReply('entities.get', await this.getEntities.execute(acceptRpcRequest('entities.get', data)));
  }

  @MessagePattern('extraction.progress')
  async progress(@Payload() data: unknown): Promise<RpcReply<'extraction.progress'>> {
    return checkRpcReply(
      'extraction.progress',
      await this.reportProgress.execute(acceptRpcRequest('extraction.progress', data)),
    );
  }
}
