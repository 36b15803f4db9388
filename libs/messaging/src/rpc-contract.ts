import {
  ContractViolation,
  parseRpcReply,
  parseRpcRequest,
  type RpcName,
  type RpcReply,
  type RpcRequest,
} from '@gazette-watch/contracts';
import { PermanentError, describeError } from './errors';

/**
 * A request as the answering service receives it. A request outside its contract would be refused
 * on every try, so the caller hears a permanent refusal instead of waiting for a timeout.
 */
export function acceptRpcRequest<N extends RpcName>(name: N, data: unknown): RpcRequest<N> {
  try {
    return parseRpcRequest(name, data);
  } catch (error) {
    if (error instanceof ContractViolation) throw new PermanentError(error.message, { cause: error });
    throw error;
  }
}

/** Our own answer checked against its contract, so a mapping bug fails here rather than in the caller. */
export function checkRpcReply<N extends RpcName>(name: N, data: RpcReply<N>): RpcReply<N> {
  try {
    return parseRpcReply(name, data);
  } catch (error) {
    throw new PermanentError(`reply refused by its own contract: ${describeError(error)}`, { cause: error });
  }
}
