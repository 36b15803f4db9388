import type { Principal } from '@gazette-watch/contracts';
import { Controller, Get, type INestApplication, Post } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import type { App } from 'supertest/types';
import { ServiceUnavailableError } from '../service-query.error';
import { ServiceQueryExceptionFilter } from '../service-query-exception.filter';
import { ApiKeyAuthenticator } from './api-key.authenticator';
import { AdminOnly, Authenticated, CurrentPrincipal } from './api-key.guard';

const ADMIN_KEY = 'admin-key-of-the-guard-spec-000000';
const SUBSCRIBER_KEY = 'gw_subscriber_key';
const SUBSCRIBER_ID = '3f0c9a56-1b2d-4c3e-8f4a-5b6c7d8e9f01';

@Controller('open')
@Authenticated()
class OpenController {
  @Get()
  whoAmI(@CurrentPrincipal() principal: Principal): Principal {
    return principal;
  }

  @Get('feed')
  @Authenticated({ queryKey: true })
  feed(@CurrentPrincipal() principal: Principal): Principal {
    return principal;
  }

  @Post('feed')
  @Authenticated({ queryKey: true })
  postFeed(): string {
    return 'posted';
  }

  @Get('operators')
  @AdminOnly()
  operators(@CurrentPrincipal() principal: Principal): Principal {
    return principal;
  }
}

@Controller('admin')
@AdminOnly()
class AdminController {
  @Get()
  admin(@CurrentPrincipal() principal: Principal): Principal {
    return principal;
  }
}

describe('ApiKeyGuard', () => {
  let app: INestApplication;
  let http: App;
  let lookup: jest.Mock<Promise<string | null>, [string]>;

  beforeEach(async () => {
    lookup = jest.fn(async (key: string) => (key === SUBSCRIBER_KEY ? SUBSCRIBER_ID : null));
    const moduleRef = await Test.createTestingModule({
      controllers: [OpenController, AdminController],
      providers: [
        { provide: ApiKeyAuthenticator, useValue: new ApiKeyAuthenticator({ adminKeys: [ADMIN_KEY], lookup }) },
      ],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    app.useGlobalFilters(new ServiceQueryExceptionFilter());
    await app.init();
    http = app.getHttpServer() as App;
  });

  afterEach(() => app.close());

  it('attaches the principal of a subscriber key', async () => {
    await request(http)
      .get('/open')
      .set('Authorization', `Bearer ${SUBSCRIBER_KEY}`)
      .expect(200, { role: 'subscriber', subscriber_id: SUBSCRIBER_ID });
    await request(http).get('/open').set('X-API-Key', ADMIN_KEY).expect(200, { role: 'admin' });
  });

  it('answers 401 with a Bearer challenge and Nest’s error body', async () => {
    const missing = await request(http).get('/open').expect(401);
    expect(missing.headers['www-authenticate']).toBe('Bearer realm="gazette-watch"');
    expect(missing.body).toEqual({
      statusCode: 401,
      error: 'Unauthorized',
      message: 'an API key is required: Authorization: Bearer <key> or X-API-Key',
    });
    const unknown = await request(http).get('/open').set('X-API-Key', 'gw_nobody').expect(401);
    expect(unknown.headers['www-authenticate']).toBe('Bearer realm="gazette-watch", error="invalid_token"');
    expect(unknown.body.message).toBe('the API key is not known');
  });

  it('takes ?api_key= on GET routes that allow it, only', async () => {
    await request(http).get(`/open?api_key=${SUBSCRIBER_KEY}`).expect(401);
    await request(http).get(`/open/feed?api_key=${SUBSCRIBER_KEY}`).expect(200);
    await request(http).post(`/open/feed?api_key=${SUBSCRIBER_KEY}`).expect(401);
    const missing = await request(http).get('/open/feed').expect(401);
    expect(missing.body.message).toContain('?api_key=');
  });

  it('answers 403 to a subscriber on an operator route, by method or by controller', async () => {
    const forbidden = await request(http).get('/open/operators').set('X-API-Key', SUBSCRIBER_KEY).expect(403);
    expect(forbidden.body).toMatchObject({ statusCode: 403, error: 'Forbidden' });
    await request(http).get('/admin').set('X-API-Key', SUBSCRIBER_KEY).expect(403);
    await request(http).get('/admin').set('X-API-Key', ADMIN_KEY).expect(200, { role: 'admin' });
    await request(http).get('/open/operators').set('X-API-Key', ADMIN_KEY).expect(200);
  });

  it('asks about a key once although the controller and the method both guard', async () => {
    await request(http).get('/open/operators').set('X-API-Key', SUBSCRIBER_KEY).expect(403);
    await request(http).get('/open/feed').set('X-API-Key', 'gw_other').expect(401);
    expect(lookup.mock.calls).toEqual([[SUBSCRIBER_KEY], ['gw_other']]);
  });

  it('answers 503 when the owner of subscriber keys does not answer', async () => {
    lookup.mockRejectedValueOnce(new ServiceUnavailableError('the notification service did not answer'));
    const response = await request(http).get('/open').set('X-API-Key', 'gw_later').expect(503);
    expect(response.body.message).toContain('notification');
  });
});
