import type { Principal } from '@gazette-watch/contracts';
import {
  applyDecorators,
  CanActivate,
  createParamDecorator,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  SetMetadata,
  UnauthorizedException,
  UseGuards,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiBearerAuth, ApiForbiddenResponse, ApiSecurity, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ERROR_BODY_SCHEMA } from '../openapi.schema';
import { ApiKeyAuthenticator } from './api-key.authenticator';
import { API_KEY_SECURITY } from './api-key.security';
import { presentedApiKey } from './presented-api-key.parser';

/** Who may call a route, as the decorators record it. */
interface AccessRule {
  adminOnly: boolean;
  /** Whether `?api_key=` counts (GET only): feeds and event streams. */
  queryKey: boolean;
}

const ACCESS_RULE = 'gazette-watch:access-rule';
const ANY_PRINCIPAL: AccessRule = { adminOnly: false, queryKey: false };
const CHALLENGE = 'Bearer realm="gazette-watch"';

/** A request after the guard: the principal it resolved rides along. */
export type AuthenticatedRequest = Request & { principal?: Principal };

/**
 * Resolves the request's API key into a `Principal` (see `ApiKeyAuthenticator`) and enforces the
 * route's rule: 401 with a Bearer challenge without a known key, 403 for a subscriber on an
 * operator route. Applied by `@Authenticated()` and `@AdminOnly()`; the method's rule overrides
 * the controller's, and a request authenticated once is not authenticated again.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: ApiKeyAuthenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule =
      this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [
        context.getHandler(),
        context.getClass(),
      ]) ?? ANY_PRINCIPAL;
    const http = context.switchToHttp();
    const request = http.getRequest<AuthenticatedRequest>();
    request.principal ??= await this.authenticate(request, http.getResponse<Response>(), rule);
    if (rule.adminOnly && request.principal.role !== 'admin') {
      throw new ForbiddenException('only an operator (an admin API key) may do this');
    }
    return true;
  }

  private async authenticate(request: Request, response: Response, rule: AccessRule): Promise<Principal> {
    const key = presentedApiKey(request, rule.queryKey && request.method === 'GET');
    if (key === null) {
      response.setHeader('WWW-Authenticate', CHALLENGE);
      throw new UnauthorizedException(
        rule.queryKey
          ? 'an API key is required: Authorization: Bearer <key>, X-API-Key or ?api_key='
          : 'an API key is required: Authorization: Bearer <key> or X-API-Key',
      );
    }
    const principal = await this.authenticator.authenticate(key);
    if (!principal) {
      response.setHeader('WWW-Authenticate', `${CHALLENGE}, error="invalid_token"`);
      throw new UnauthorizedException('the API key is not known');
    }
    return principal;
  }
}

const UNAUTHORIZED = ApiUnauthorizedResponse({
  description: 'No API key, or one nobody holds',
  schema: ERROR_BODY_SCHEMA,
});

/**
 * Any holder of a key: an operator, or a subscriber (who then sees their own). `queryKey` also
 * accepts `?api_key=` on GET, for feed readers and `EventSource`. On a controller or a method.
 */
export function Authenticated(options: { queryKey?: boolean } = {}) {
  const queryKey = options.queryKey ?? false;
  return applyDecorators(
    SetMetadata(ACCESS_RULE, { adminOnly: false, queryKey } satisfies AccessRule),
    UseGuards(ApiKeyGuard),
    ApiBearerAuth(API_KEY_SECURITY.bearer),
    ApiSecurity(API_KEY_SECURITY.header),
    ...(queryKey ? [ApiSecurity(API_KEY_SECURITY.query)] : []),
    UNAUTHORIZED,
  );
}

/** Operators only (ADMIN_API_KEYS); a subscriber's key gets 403. On a controller or a method. */
export function AdminOnly() {
  return applyDecorators(
    SetMetadata(ACCESS_RULE, { adminOnly: true, queryKey: false } satisfies AccessRule),
    UseGuards(ApiKeyGuard),
    ApiBearerAuth(API_KEY_SECURITY.bearer),
    ApiSecurity(API_KEY_SECURITY.header),
    UNAUTHORIZED,
    ApiForbiddenResponse({ description: 'The key is a subscriber’s, not an operator’s', schema: ERROR_BODY_SCHEMA }),
  );
}

/** The `Principal` the guard resolved; only on routes under `@Authenticated()` or `@AdminOnly()`. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) {
    throw new Error('no principal on the request: the route needs @Authenticated() or @AdminOnly()');
  }
  return principal;
});
