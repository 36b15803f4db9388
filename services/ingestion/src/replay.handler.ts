import { type RpcReply } from '@gazette-watch/contracts';
import { acceptRpcRequest, checkRpcReply, JetStreamExceptionFilter } from '@gazette-watch/messaging';
import { Controller, UseFilters } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ReportReplay } from './use-cases/report-replay.use-case';
import { StartReplay } from './use-cases/start-replay.use-case';

/**
 * Replay runs over request/reply (`rpc.ingestion.replay.*`), asked by the API gateway. A request
 * outside its contract is refused for good; an unknown gazette or run is a refusal in the reply
 * (`ok: false`, 404), which the gateway passes on as that HTTP status.
 */
@Controller()
@UseFilters(new JetStreamExceptionFilter())
export class ReplayHandler {
  constructor(
    private readonly startReplay: StartReplay,
    private readonly reportReplay: ReportReplay,
  ) {}

  @MessagePattern('replay.start')
  async start(@Payload() data: unknown): Promise<RpcReply<'replay.start'>> {
    return checkRpcReply('replay.start', await this.startReplay.execute(acceptRpcRequest('replay.start', data)));
  }

  @MessagePattern('replay.status')
  async status(@Payload() data: unknown): Promise<RpcReply<'replay.status'>> {
    return checkRpcReply('replay.status', await this.reportReplay.execute(acceptRpcRequest('replay.status', data)));
  }
}
