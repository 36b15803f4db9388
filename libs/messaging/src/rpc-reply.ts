/**
 * Body of every answer to a `@MessagePattern` request. Errors travel as data, not as NATS errors, so
 * a caller can tell "the callee refused" (`permanent`) from "nobody answered" (a request timeout).
 */
export type RpcReply<T = unknown> = { ok: true; data: T } | { ok: false; error: string; permanent: boolean };
