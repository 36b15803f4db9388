import {
  ContractViolation,
  parseRpcReply,
  parseRpcRequest,
  type RpcName,
  type RpcReply,
  type RpcRequest,
} from '@gazette-watch/contracts';
import { JetStreamExceptionFilter, PermanentError, describeError } from '@gazette-watch/messaging';
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
    return reply('replay.start', await this.startReplay.execute(request('replay.start', data)));
  }

  @MessagePattern('replay.status')
  async status(@Payload() data: unknown): Promise<RpcReply<'replay.status'>> {
    return reply('replay.status', await this.reportReplay.execute(request('replay.status', data)));
  }
}

function request<N extends RpcName>(name: N, data: unknown): RpcRequest<N> {
  try {
    return parseRpcRequest(name, data);
  } catch (error) {
    if (error instanceof ContractViolation) throw new PermanentError(error.message, { cause: error });
    throw error;
  }
}

/** Our own answer checked against the contract, so a mapping bug fails here rather than in the gateway. */
function reply<N extends RpcName>(name: N, data: RpcReply<N>): RpcReply<N> {
  try {
    return parseRpcReply(name, data);
  } catch (error) {
    throw new PermanentError(`reply refused by its own contract: ${describeError(error)}`, { cause: error });
  }
}
