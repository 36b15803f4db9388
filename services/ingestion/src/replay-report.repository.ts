import {
  ContractViolation,
  parseRpcReply,
  REPLAY_LIST_LIMIT,
  RPC_CONTRACTS,
  type RpcReply,
  type RpcRequest,
} from '@gazette-watch/contracts';
import { JetStreamClient, TransientError, describeError } from '@gazette-watch/messaging';
import { lastValueFrom } from 'rxjs';

type ReportName = 'replay.documents-report' | 'replay.appointments-report';
/** A report over any number of gazettes; each request to a stage carries at most `REPLAY_LIST_LIMIT`. */
type ReportRequest = { run_id?: string; gazette_ids: readonly string[] };

function piecesOf(ids: readonly string[]): string[][] {
  const pieces: string[][] = [];
  for (let i = 0; i < ids.length; i += REPLAY_LIST_LIMIT) pieces.push(ids.slice(i, i + REPLAY_LIST_LIMIT));
  return pieces;
}

/**
 * What the stages that keep facts report about a replay run: segmentation (documents) and
 * appointments, over request/reply. They own those rows; this service only gathers.
 */
export class ReplayReportRepository {
  /** `client` answers within the replay query timeout, well below the gateway's. */
  constructor(private readonly client: JetStreamClient) {}

  /** The stages answer a run of any size in pieces of `REPLAY_LIST_LIMIT` gazettes, one NATS message each. */
  async documents(request: ReportRequest): Promise<RpcReply<'replay.documents-report'>> {
    const items = [];
    for (const gazetteIds of piecesOf(request.gazette_ids)) {
      items.push(...(await this.ask('replay.documents-report', { ...request, gazette_ids: gazetteIds })).items);
    }
    return { items };
  }

  async appointments(request: ReportRequest & { run_id: string }): Promise<RpcReply<'replay.appointments-report'>> {
    const items = [];
    for (const gazetteIds of piecesOf(request.gazette_ids)) {
      items.push(...(await this.ask('replay.appointments-report', { ...request, gazette_ids: gazetteIds })).items);
    }
    return { items };
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
