import {
  subscriberCreateRequestSchema,
  subscriberListReplySchema,
  subscriberListRequestSchema,
  subscriberWithKeySchema,
  type Principal,
} from '@gazette-watch/contracts';
import { Body, Controller, Get, HttpCode, HttpStatus, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminOnly, CurrentPrincipal } from './auth/api-key.guard';
import { ApiBodyFrom, ApiCommandResponses, ApiQueryFrom, openApiSchema } from './openapi.schema';
import { queryInput } from './query-string.parser';
import { bodyWith } from './request-input.parser';
import { ServiceQueryRepository } from './service-query.repository';

/** Who may subscribe: operators create subscribers and hand them their API key. */
@ApiTags('subscribers')
@AdminOnly()
@Controller('subscribers')
export class SubscribersController {
  constructor(private readonly services: ServiceQueryRepository) {}

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary: 'Create a subscriber (subscriber.create)',
    description: 'The answer holds the subscriber’s API key; it is shown only this once.',
  })
  @ApiBodyFrom(subscriberCreateRequestSchema)
  @ApiCommandResponses(201, openApiSchema(subscriberWithKeySchema), 'The subscriber and its API key')
  create(@Body() body: unknown, @CurrentPrincipal() principal: Principal) {
    return this.services.command('subscriber.create', bodyWith(body, { principal }));
  }

  @Get()
  @ApiOperation({ summary: 'List subscribers (subscriber.list)' })
  @ApiQueryFrom(subscriberListRequestSchema, { limit: 'Page size (1–500)', offset: 'Items to skip' }, ['principal'])
  @ApiCommandResponses(200, openApiSchema(subscriberListReplySchema), 'One page of subscribers and the total')
  list(@Query() query: Record<string, unknown>, @CurrentPrincipal() principal: Principal) {
    return this.services.command('subscriber.list', { ...queryInput(query), principal });
  }
}
