import {
  ContractViolation,
  SUBJECTS,
  parseRpcReply,
  parseRpcRequest,
  type DocumentSegmentedPayload,
  type EventEnvelope,
  type RpcName,
  type RpcReply,
  type RpcRequest,
} from '@gazette-watch/contracts';
import { PermanentError } from '@gazette-watch/messaging';
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
    return reply('entities.get', await this.getEntities.execute(request('entities.get', data)));
  }

  @MessagePattern('extraction.progress')
  async progress(@Payload() data: unknown): Promise<RpcReply<'extraction.progress'>> {
    return reply('extraction.progress', await this.reportProgress.execute(request('extraction.progress', data)));
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
