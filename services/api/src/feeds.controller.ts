import { feedRequestSchema, NOTIFICATION_KINDS, type Principal } from '@gazette-watch/contracts';
import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { API_CONFIG, publicBaseUrlOf, type ApiConfig } from './api.config';
import { ATOM_CONTENT_TYPE, atomFeedOf } from './atom-feed.presenter';
import { Authenticated, CurrentPrincipal } from './auth/api-key.guard';
import { ApiParamFrom, ApiRefusalResponses } from './openapi.schema';
import { queryInput } from './query-string.parser';
import { parseInput } from './request-input.parser';
import { ServiceQueryRepository } from './service-query.repository';

const [subscriptionFeedRequestSchema, publicFeedRequestSchema] = feedRequestSchema.options;

const LIMIT_QUERY = ApiQuery({
  name: 'limit',
  required: false,
  schema: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
  description: 'Entries at most, newest first',
});

const ATOM_RESPONSE = ApiOkResponse({
  description: 'An Atom 1.0 feed; each fact is one entry, updated in place when the fact is revised',
  content: { 'application/atom+xml': { schema: { type: 'string' } } },
});

/**
 * Atom feeds for readers that poll: a subscription's matches, and public feeds of one kind of fact
 * in one region. Rendered from `feed.entries` of the notification service.
 */
@ApiTags('feeds')
@Controller()
export class FeedsController {
  private readonly baseUrl: string;

  constructor(
    private readonly services: ServiceQueryRepository,
    @Inject(API_CONFIG) config: ApiConfig,
  ) {
    this.baseUrl = publicBaseUrlOf(config);
  }

  @Get('subscriptions/:id/feed.atom')
  @Authenticated({ queryKey: true })
  @ApiOperation({
    summary: 'The facts a subscription matched, as an Atom feed (feed.entries)',
    description: 'Feed readers that cannot send headers may pass the key as `?api_key=`.',
  })
  @ApiProduces('application/atom+xml')
  @ApiParamFrom('id', z.uuid(), 'Subscription id')
  @LIMIT_QUERY
  @ATOM_RESPONSE
  @ApiRefusalResponses()
  async subscriptionFeed(
    @Param('id') id: string,
    @Query() query: Record<string, unknown>,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const request = parseInput(
      subscriptionFeedRequestSchema,
      { principal, subscription_id: id, limit: queryInput(query).limit },
      'feed request',
    );
    const reply = await this.services.command('feed.entries', request);
    atomHeaders(response, 'private');
    return atomFeedOf(reply, {
      baseUrl: this.baseUrl,
      path: `/subscriptions/${request.subscription_id}/feed.atom`,
      scope: `subscription:${request.subscription_id}`,
    });
  }

  @Get('feeds/:kind/:region.atom')
  @ApiOperation({
    summary: 'Public Atom feed of one kind of fact in one region (feed.entries)',
    description:
      'No key needed. The region as printed, URL-encoded: `/feeds/appointment/%E5%90%95%E6%A2%81%E5%B8%82.atom`.',
  })
  @ApiProduces('application/atom+xml')
  @ApiParam({ name: 'kind', enum: NOTIFICATION_KINDS, description: 'appointment or regulation' })
  @ApiParam({ name: 'region', schema: { type: 'string' }, description: 'Region as printed, e.g. 吕梁市' })
  @LIMIT_QUERY
  @ATOM_RESPONSE
  @ApiRefusalResponses()
  async publicFeed(
    @Param('kind') kind: string,
    @Param('region') region: string,
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const request = parseInput(
      publicFeedRequestSchema,
      { kind, region, limit: queryInput(query).limit },
      'feed request',
    );
    const reply = await this.services.command('feed.entries', request);
    atomHeaders(response, 'public');
    return atomFeedOf(reply, {
      baseUrl: this.baseUrl,
      path: `/feeds/${request.kind}/${encodeURIComponent(request.region)}.atom`,
      scope: `${request.kind}:${request.region}`,
    });
  }
}

/**
 * Set once the feed is in hand rather than by decorator, which would label error answers as Atom
 * too. Readers poll; a minute of caching spares the notification service without delaying much.
 */
function atomHeaders(response: Response, cache: 'private' | 'public'): void {
  response.setHeader('Content-Type', ATOM_CONTENT_TYPE);
  response.setHeader('Cache-Control', `${cache}, max-age=60`);
}
