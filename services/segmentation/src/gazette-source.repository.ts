import {
  ContractViolation,
  GAZETTE_FETCH,
  gazetteBytesFromReply,
  parseRpcReply,
  type RpcRequest,
} from '@gazette-watch/contracts';
import {
  JetStreamClient,
  MessagingError,
  PermanentError,
  TransientError,
  describeError,
} from '@gazette-watch/messaging';
import { Injectable } from '@nestjs/common';
import { lastValueFrom } from 'rxjs';

/**
 * The original bytes of a gazette, asked of the ingestion service (`gazette.fetch`), which owns
 * them. No answer (the service is down or slow) is transient: the event is retried later.
 */
@Injectable()
export class GazetteSourceRepository {
  constructor(private readonly client: JetStreamClient) {}

  async fetch(gazetteId: string): Promise<Uint8Array> {
    const request: RpcRequest<typeof GAZETTE_FETCH> = { gazette_id: gazetteId };
    let data: unknown;
    try {
      data = await lastValueFrom(this.client.send<unknown>(GAZETTE_FETCH, request));
    } catch (error) {
      // The client already tells "nobody answered" (transient) from "ingestion refused" (permanent).
      if (error instanceof MessagingError) throw error;
      throw new TransientError(`${GAZETTE_FETCH} ${gazetteId} failed: ${describeError(error)}`, { cause: error });
    }
    try {
      const reply = parseRpcReply(GAZETTE_FETCH, data);
      if (reply.gazette_id !== gazetteId) {
        throw new ContractViolation(`rpc ${GAZETTE_FETCH} reply`, [
          { path: 'gazette_id', message: `asked for ${gazetteId}, got ${reply.gazette_id}` },
        ]);
      }
      return gazetteBytesFromReply(reply);
    } catch (error) {
      // A reply that breaks the contract or does not hash to its id comes back the same on a retry.
      if (error instanceof ContractViolation) throw new PermanentError(error.message, { cause: error });
      throw error;
    }
  }
}
