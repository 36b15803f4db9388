import { parseRpcReply } from '@gazette-watch/contracts';
import type { INestApplication, Provider, Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { API_CONFIG, apiConfigSchema, type ApiConfig } from '../src/api.config';
import { ApiKeyAuthenticator } from '../src/auth/api-key.authenticator';
import { ServiceQueryExceptionFilter } from '../src/service-query-exception.filter';
import { ServiceQueryRepository, type QueryName } from '../src/service-query.repository';
import { ADMIN_KEY, SUBSCRIBER_KEYS } from './subscription-fixtures';

/**
 * What the notification service would answer, given the request as it would go on the wire
 * (validated, defaults filled in). Strict: a call the test did not prepare for fails it.
 */
export type WireAnswer = jest.Mock<Promise<unknown>, [QueryName, unknown]>;

export interface GatewayTestApp {
  app: INestApplication;
  /** The repository's `ask`: validates the request like the real one, then asks `wire`. */
  ask: jest.Mock;
  wire: WireAnswer;
  /** Subscriber-key lookups the authenticator made. */
  lookups: jest.Mock<Promise<string | null>, [string]>;
  close(): Promise<void>;
}

/**
 * The controllers under test in a Nest application with the gateway's guard, error filter and
 * configuration, and a `ServiceQueryRepository` whose `ask` is a strict mock: it runs the real
 * contract validation (so invalid input answers 400 as in production), then hands the request to
 * `wire` and checks what `wire` answers against the reply contract.
 */
export async function createGatewayTestApp(
  controllers: Type[],
  options: { providers?: Provider[]; config?: Record<string, string> } = {},
): Promise<GatewayTestApp> {
  const config: ApiConfig = apiConfigSchema.parse({ ADMIN_API_KEYS: ADMIN_KEY, ...options.config });
  const validating = new ServiceQueryRepository(undefined as never);
  const wire: WireAnswer = jest.fn<Promise<unknown>, [QueryName, unknown]>((name) =>
    Promise.reject(new Error(`unexpected request ${name}`)),
  );
  const ask = jest.fn(async (name: QueryName, input: unknown) =>
    parseRpcReply(name, await wire(name, validating.request(name, input))),
  );
  const services = {
    request: validating.request.bind(validating),
    ask,
    // The real unwrapping of `{ok: false}` refusals, over the mocked `ask`.
    command: ServiceQueryRepository.prototype.command,
    connected: jest.fn(),
  };
  const lookups = jest.fn(async (key: string) => SUBSCRIBER_KEYS[key] ?? null);
  const moduleRef = await Test.createTestingModule({
    controllers,
    providers: [
      { provide: ServiceQueryRepository, useValue: services },
      { provide: API_CONFIG, useValue: config },
      {
        provide: ApiKeyAuthenticator,
        useValue: new ApiKeyAuthenticator({ adminKeys: config.ADMIN_API_KEYS, lookup: lookups }),
      },
      ...(options.providers ?? []),
    ],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  app.useGlobalFilters(new ServiceQueryExceptionFilter());
  await app.init();
  return { app, ask, wire, lookups, close: () => app.close() };
}

/** `{ok: true, result}`, the answer of a command that was carried out. */
export const done = (result: unknown) => ({ ok: true, result });

/** `{ok: false, error}`, a refusal the gateway passes on as `status`. */
export const refused = (status: 400 | 401 | 403 | 404 | 409, message: string) => ({
  ok: false,
  error: { status, message },
});
