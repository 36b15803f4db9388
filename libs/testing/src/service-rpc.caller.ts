import type { RpcReply } from '@gazette-watch/messaging';
import type { NatsConnection } from 'nats';

/** What a test reads of a reply: the services check the shapes against their contracts. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type LooseReply = any;

export interface ServiceRpcCaller {
  /** The reply's data; throws when the service refused at the transport level (`ok: false`). */
  rpc(name: string, request: object): Promise<LooseReply>;
  /** For commands answering `{ok, result} | {ok: false, error}`: the result, or throws with the refusal. */
  command(name: string, request: object): Promise<LooseReply>;
}

/**
 * Asks a service over core NATS as the gateway does (`<prefix>rpc.<service>.<name>`), for tests that
 * drive a service without the gateway in front of it.
 */
export function serviceRpcCaller(nc: NatsConnection, subjectPrefix: string, service: string): ServiceRpcCaller {
  const encoder = new TextEncoder();
  const rpc = async (name: string, request: object): Promise<LooseReply> => {
    const reply = await nc.request(`${subjectPrefix}rpc.${service}.${name}`, encoder.encode(JSON.stringify(request)), {
      timeout: 5_000,
    });
    const answer = reply.json<RpcReply>();
    if (!answer.ok) throw new Error(`rpc ${name} failed: ${answer.error}`);
    return answer.data;
  };
  return {
    rpc,
    async command(name, request) {
      const outcome = (await rpc(name, request)) as {
        ok: boolean;
        result?: unknown;
        error?: { status: number; message: string };
      };
      if (!outcome.ok) throw new Error(`${name} refused: ${outcome.error?.status} ${outcome.error?.message}`);
      return outcome.result;
    },
  };
}
