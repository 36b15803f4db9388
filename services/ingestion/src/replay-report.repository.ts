import {
  ContractViolation,
  parseRpcReply,
  RPC_CONTRACTS,
  type RpcReply,
  type RpcRequest,
} from '@gazette-watch/contracts';
import { JetStreamClient, TransientError, describeError } from '@gazette-watch/messaging';
import { lastValueFrom } from 'rxjs';

type ReportName = 'replay.documents-report' | 'replay.appointments-report';

/**
 * What the stages that keep facts report about a replay run: segmentation (documents) and
 * appointments, over request/reply. They own those rows; this service only gathers.
 */
export class ReplayReportRepository {
  /** `client` answers within the replay query timeout, well below the gateway's. */
  constructor(private readonly client: JetStreamClient) {}

  documents(request: RpcRequest<'replay.documents-report'>): Promise<RpcReply<'replay.documents-report'>> {
    return this.ask('replay.documents-report', request);
  }

  appointments(request: RpcRequest<'replay.appointments-report'>): Promise<RpcReply<'replay.appointments-report'>> {
    return this.ask('replay.appointments-report', request);
  }

  private async ask<N extends ReportName>(name: N, request: RpcRequest<N>): Promise<RpcReply<N>> {
    const service = RPC_CONTRACTS[name].service;
    let data: unknown;
    try {
      data = await lastValueFrom(this.client.send<unknown>(`${service}.${name}`, request));
    } catch (error) {
      throw new TransientError(`the ${service} service did not answer ${name}: ${describeError(error)}`, {
        cause: error,
      });
    }
    try {
      return parseRpcReply(name, data);
    } catch (error) {
      if (error instanceof ContractViolation) {
        throw new TransientError(`the ${service} service answered ${name} outside its contract: ${error.message}`);
      }
      throw error;
    }
  }
}
