import { Controller } from '@nestjs/common';
import { EventPattern, MessagePattern, Payload } from '@nestjs/microservices';
import {
  SUBJECTS,
  type DocumentExtractedPayload,
  type EventEnvelope,
  type RpcName,
  type RpcReply,
  type RpcRequest,
} from '@gazette-watch/contracts';
import { acceptRpcRequest, checkRpcReply } from '@gazette-watch/messaging';
import { AppointmentsProgress } from './use-cases/appointments-progress.use-case';
import { PersonTimeline } from './use-cases/person-timeline.use-case';
import { PostHolders } from './use-cases/post-holders.use-case';
import { RecordAppointments } from './use-cases/record-appointments.use-case';
import { ReportReplayAppointments } from './use-cases/report-replay-appointments.use-case';
import { SearchAppointments } from './use-cases/search-appointments.use-case';

/**
 * The service's messaging face. Events arrive validated by the transport (`parseEnvelope`);
 * requests are validated here, and so are replies, so a caller never receives what the contract
 * does not promise.
 */
@Controller()
export class AppointmentsHandler {
  constructor(
    private readonly recordAppointments: RecordAppointments,
    private readonly searchAppointments: SearchAppointments,
    private readonly personTimeline: PersonTimeline,
    private readonly postHolders: PostHolders,
    private readonly progress: AppointmentsProgress,
    private readonly replayReport: ReportReplayAppointments,
  ) {}

  @EventPattern(SUBJECTS.documentExtracted)
  async onDocumentExtracted(@Payload() event: EventEnvelope<DocumentExtractedPayload>): Promise<void> {
    await this.recordAppointments.execute({
      document: event.payload,
      correlationId: event.correlation_id,
      replayRun: event.replay_run,
      replayDocumentCount: event.replay_document_count,
    });
  }

  @MessagePattern('appointments.search')
  search(@Payload() data: unknown): Promise<RpcReply<'appointments.search'>> {
    return answer('appointments.search', data, (request) => this.searchAppointments.execute(request));
  }

  @MessagePattern('person.timeline')
  timeline(@Payload() data: unknown): Promise<RpcReply<'person.timeline'>> {
    return answer('person.timeline', data, (request) => this.personTimeline.execute(request));
  }

  @MessagePattern('post.holders')
  holders(@Payload() data: unknown): Promise<RpcReply<'post.holders'>> {
    return answer('post.holders', data, (request) => this.postHolders.execute(request));
  }

  @MessagePattern('appointments.progress')
  gazetteProgress(@Payload() data: unknown): Promise<RpcReply<'appointments.progress'>> {
    return answer('appointments.progress', data, (request) => this.progress.execute(request));
  }

  @MessagePattern('replay.appointments-report')
  replayAppointments(@Payload() data: unknown): Promise<RpcReply<'replay.appointments-report'>> {
    return answer('replay.appointments-report', data, (request) => this.replayReport.execute(request));
  }
}

/** A request the contract refuses is refused for good: the caller must not retry it unchanged. */
async function answer<N extends RpcName>(
  name: N,
  data: unknown,
  work: (request: RpcRequest<N>) => Promise<RpcReply<N>>,
): Promise<RpcReply<N>> {
  return checkRpcReply(name, await work(acceptRpcRequest(name, data)));
}
