import {
  ContractViolation,
  parseRpcReply,
  parseRpcRequest,
  RPC_CONTRACTS,
  type CommandError,
  type GAZETTE_FETCH,
  type RpcName,
  type RpcReply,
  type RpcRequest,
} from '@gazette-watch/contracts';
import { JetStreamClient, PermanentError, describeError } from '@gazette-watch/messaging';
import { ErrorCode, NatsError, type NatsConnection } from 'nats';
import { lastValueFrom } from 'rxjs';
import {
  BadServiceReplyError,
  InvalidQueryError,
  RefusedCommandError,
  ServiceUnavailableError,
} from './service-query.error';

/**
 * Every RPC the gateway may ask. `gazette.fetch` carries a whole gazette's bytes between services
 * and is no business of HTTP clients.
 */
export type QueryName = Exclude<RpcName, typeof GAZETTE_FETCH>;

/** The RPCs whose reply is `{ok: true, result} | {ok: false, error: {status, message}}`. */
export type CommandName = {
  [N in QueryName]: RpcReply<N> extends { ok: boolean } ? N : never;
}[QueryName];

/** What a command answers when it is not refused. */
export type CommandResult<N extends CommandName> = Extract<RpcReply<N>, { ok: true }>['result'];

/**
 * The owning services, asked over NATS request/reply (`rpc.<service>.<name>`): the gateway's only
 * way to their data, so it never reads their tables. Requests and replies are checked against the
 * RPC contracts on both sides of the wire.
 */
export class ServiceQueryRepository {
  constructor(private readonly client: JetStreamClient) {}

  /** Validates `input` as the query's request (throws `InvalidQueryError`). */
  request<N extends QueryName>(name: N, input: unknown): RpcRequest<N> {
    try {
      return parseRpcRequest(name, input);
    } catch (error) {
      if (error instanceof ContractViolation) {
        const problems = error.issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message));
        throw new InvalidQueryError(`invalid parameters for ${name}: ${problems.join('; ')}`, error.issues);
      }
      throw error;
    }
  }

  /** Asks the service that answers `name`; `input` is validated first. */
  async ask<N extends QueryName>(name: N, input: unknown): Promise<RpcReply<N>> {
    const request = this.request(name, input);
    const service = RPC_CONTRACTS[name].service;
    let data: unknown;
    try {
      data = await lastValueFrom(this.client.send<unknown>(`${service}.${name}`, request));
    } catch (error) {
      if (error instanceof PermanentError) {
        // Our request passed the same contract the service checks, so a refusal means the two disagree.
        throw new BadServiceReplyError(`the ${service} service refused ${name}: ${describeError(error)}`, {
          cause: error,
        });
      }
      throw new ServiceUnavailableError(`the ${service} service did not answer ${name}: ${whyUnanswered(error)}`, {
        cause: error,
      });
    }
    try {
      return parseRpcReply(name, data);
    } catch (error) {
      throw new BadServiceReplyError(
        `the ${service} service answered ${name} outside its contract: ${describeError(error)}`,
        {
          cause: error,
        },
      );
    }
  }

  /**
   * Asks a command and returns its result; a refusal becomes `RefusedCommandError` carrying the
   * HTTP status the service named (404 unknown, 403 not yours, 409 conflict…).
   */
  async command<N extends CommandName>(name: N, input: unknown): Promise<CommandResult<N>> {
    const reply = (await this.ask(name, input)) as
      { ok: true; result: CommandResult<N> } | { ok: false; error: CommandError };
    if (!reply.ok) throw new RefusedCommandError(reply.error.status, reply.error.message);
    return reply.result;
  }

  /** Whether the NATS connection is up: a PING answered within `timeoutMs`. */
  async connected(timeoutMs: number): Promise<boolean> {
    let nc: NatsConnection;
    try {
      nc = this.client.unwrap<NatsConnection>();
    } catch {
      return false;
    }
    if (nc.isClosed()) return false;
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        nc.flush().then(() => true),
        new Promise<boolean>((resolve) => {
          timer = setTimeout(() => resolve(false), timeoutMs);
        }),
      ]);
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }
}

/** The transport reports "503" and "TIMEOUT"; an operator reading the HTTP answer needs the meaning. */
function whyUnanswered(error: unknown): string {
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause instanceof NatsError && cause.code === ErrorCode.NoResponders)
    return 'no instance is running (no responder)';
  if (cause instanceof NatsError && cause.code === ErrorCode.Timeout) return 'no reply in time';
  return describeError(error);
}
