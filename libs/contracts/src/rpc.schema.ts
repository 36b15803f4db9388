import { z } from 'zod';
import { ContractViolation } from './contract-violation.error';
import { sha256HexSchema } from './event-payload.schema';
import { gazetteId } from './message-id';
import { QUERY_CONTRACTS } from './query-rpc.schema';
import { REPLAY_CONTRACTS } from './replay.schema';
import { SUBSCRIPTION_CONTRACTS } from './subscription.schema';

/**
 * Request/reply contracts (core NATS, `rpc.<service>.<name>`). The gazette bytes stay in the
 * ingestion service's table rather than travel in `gazette.ingested`, so that the stream holds
 * small messages and the bytes have one owner; segmentation asks for them by id.
 */

export const GAZETTE_FETCH = 'gazette.fetch';
/** The service that answers `gazette.fetch`. */
export const GAZETTE_FETCH_SERVICE = 'ingestion';

export const gazetteFetchRequestSchema = z.object({ gazette_id: sha256HexSchema });

export const gazetteFetchReplySchema = z.object({
  gazette_id: sha256HexSchema,
  bytes_base64: z.base64().min(1),
});

export type GazetteFetchRequest = z.infer<typeof gazetteFetchRequestSchema>;
export type GazetteFetchReply = z.infer<typeof gazetteFetchReplySchema>;

export const RPC_CONTRACTS = {
  [GAZETTE_FETCH]: {
    service: GAZETTE_FETCH_SERVICE,
    request: gazetteFetchRequestSchema,
    reply: gazetteFetchReplySchema,
  },
  ...QUERY_CONTRACTS,
  ...SUBSCRIPTION_CONTRACTS,
  ...REPLAY_CONTRACTS,
} as const;

export type RpcName = keyof typeof RPC_CONTRACTS;
export type RpcRequest<N extends RpcName> = z.infer<(typeof RPC_CONTRACTS)[N]['request']>;
export type RpcReply<N extends RpcName> = z.infer<(typeof RPC_CONTRACTS)[N]['reply']>;
/** What a command that can be refused (`{ok, result} | {ok: false, error}`) gives when it is not. */
export type RpcResult<N extends RpcName> = Extract<RpcReply<N>, { ok: true }> extends { result: infer R } ? R : never;

/** Validates a request as the replying service receives it; throws `ContractViolation`. */
export function parseRpcRequest<N extends RpcName>(name: N, data: unknown): RpcRequest<N> {
  return parseRpc(name, 'request', data) as RpcRequest<N>;
}

/** Validates a reply as the requester receives it; throws `ContractViolation`. */
export function parseRpcReply<N extends RpcName>(name: N, data: unknown): RpcReply<N> {
  return parseRpc(name, 'reply', data) as RpcReply<N>;
}

function parseRpc(name: string, part: 'request' | 'reply', data: unknown): unknown {
  const contract = (RPC_CONTRACTS as Record<string, (typeof RPC_CONTRACTS)[RpcName] | undefined>)[name];
  if (!contract) throw new ContractViolation(`rpc ${name}`, [{ path: '', message: `unknown rpc "${name}"` }]);
  const result = contract[part].safeParse(data);
  if (!result.success) throw ContractViolation.fromZod(`rpc ${name} ${part}`, result.error);
  return result.data;
}

/**
 * The bytes of a `gazette.fetch` reply, checked against the id they were asked for: the id is
 * their digest, so a mismatch means a corrupted or wrong row, which no retry would mend.
 */
export function gazetteBytesFromReply(reply: GazetteFetchReply): Uint8Array {
  const bytes = Buffer.from(reply.bytes_base64, 'base64');
  if (gazetteId(bytes) !== reply.gazette_id) {
    throw new ContractViolation(`rpc ${GAZETTE_FETCH} reply`, [
      { path: 'bytes_base64', message: 'the bytes do not hash to gazette_id' },
    ]);
  }
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
