import {
  deliveryListReplySchema,
  deliveryListRequestSchema,
  secretRotationSchema,
  subscriptionCreateRequestSchema,
  subscriptionListReplySchema,
  subscriptionListRequestSchema,
  subscriptionSchema,
  subscriptionUpdateRequestSchema,
  subscriptionWithSecretSchema,
  type Principal,
} from '@gazette-watch/contracts';
import {
  Body,
  Controller,
  Delete,
  ForbiddenException,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Authenticated, CurrentPrincipal } from './auth/api-key.guard';
import { ApiBodyFrom, ApiCommandResponses, ApiParamFrom, ApiQueryFrom, openApiSchema } from './openapi.schema';
import { queryInput } from './query-string.parser';
import { bodyWith } from './request-input.parser';
import { ServiceQueryRepository } from './service-query.repository';

const SUBSCRIPTION_ID = z.uuid();
const PAGE = { limit: 'Page size (1–500)', offset: 'Items to skip' };

/**
 * Subscriptions of the caller (an operator sees and changes all), answered by the notification
 * service. The gateway adds the caller's principal to every command; the service decides what the
 * principal may see, and its refusals come back as their HTTP status.
 */
@ApiTags('subscriptions')
@Authenticated()
@Controller('subscriptions')
export class SubscriptionsController {
  constructor(private readonly services: ServiceQueryRepository) {}

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary: 'Subscribe to facts (subscription.create)',
    description:
      'The filter selects facts (every field given must match; within a list, any term). With a webhook, ' +
      'the answer holds its signing secret (Standard Webhooks), shown only this once. `backfill_since` ' +
      'notifies the matching facts already known. `subscriber_id` is for operators creating on behalf of a subscriber.',
  })
  @ApiBodyFrom(subscriptionCreateRequestSchema)
  @ApiCommandResponses(201, openApiSchema(subscriptionWithSecretSchema), 'The subscription and its webhook secret')
  create(@Body() body: unknown, @CurrentPrincipal() principal: Principal) {
    const input = bodyWith(body, { principal });
    if (
      principal.role === 'subscriber' &&
      input.subscriber_id !== undefined &&
      input.subscriber_id !== principal.subscriber_id
    ) {
      throw new ForbiddenException('only an operator may create a subscription for another subscriber');
    }
    return this.services.command('subscription.create', input);
  }

  @Get()
  @ApiOperation({ summary: 'List subscriptions: the caller’s own, or all for an operator (subscription.list)' })
  @ApiQueryFrom(subscriptionListRequestSchema, PAGE, ['principal'])
  @ApiCommandResponses(200, openApiSchema(subscriptionListReplySchema), 'One page of subscriptions and the total')
  list(@Query() query: Record<string, unknown>, @CurrentPrincipal() principal: Principal) {
    return this.services.command('subscription.list', { ...queryInput(query), principal });
  }

  @Get(':id')
  @ApiOperation({ summary: 'A subscription (subscription.get)' })
  @ApiParamFrom('id', SUBSCRIPTION_ID, 'Subscription id')
  @ApiCommandResponses(200, openApiSchema(subscriptionSchema), 'The subscription')
  get(@Param('id') id: string, @CurrentPrincipal() principal: Principal) {
    return this.services.command('subscription.get', { principal, subscription_id: id });
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change a subscription (subscription.update)',
    description:
      'Fields left out stay as they are. `webhook: null` removes the webhook; a URL sets it and re-enables it; ' +
      '`enable_webhook: true` re-enables a disabled one.',
  })
  @ApiParamFrom('id', SUBSCRIPTION_ID, 'Subscription id')
  @ApiBodyFrom(subscriptionUpdateRequestSchema, ['principal', 'subscription_id'])
  @ApiCommandResponses(200, openApiSchema(subscriptionSchema), 'The subscription as changed')
  update(@Param('id') id: string, @Body() body: unknown, @CurrentPrincipal() principal: Principal) {
    return this.services.command('subscription.update', bodyWith(body, { principal, subscription_id: id }));
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete a subscription and its pending deliveries (subscription.delete)' })
  @ApiParamFrom('id', SUBSCRIPTION_ID, 'Subscription id')
  @ApiCommandResponses(204, undefined, 'Deleted')
  async remove(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<void> {
    await this.services.command('subscription.delete', { principal, subscription_id: id });
  }

  @Post(':id/rotate-secret')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Replace the webhook signing secret (subscription.rotate-secret)',
    description:
      'The new secret is shown only this once. Until `previous_valid_until` deliveries carry signatures ' +
      'by both secrets, so a receiver can switch over without losing any.',
  })
  @ApiParamFrom('id', SUBSCRIPTION_ID, 'Subscription id')
  @ApiCommandResponses(200, openApiSchema(secretRotationSchema), 'The new secret')
  rotateSecret(@Param('id') id: string, @CurrentPrincipal() principal: Principal) {
    return this.services.command('subscription.rotate-secret', { principal, subscription_id: id });
  }

  @Get(':id/deliveries')
  @ApiOperation({ summary: 'Notifications of a subscription and their webhook deliveries (delivery.list)' })
  @ApiParamFrom('id', SUBSCRIPTION_ID, 'Subscription id')
  @ApiQueryFrom(deliveryListRequestSchema, { status: 'Only deliveries in this state', ...PAGE }, [
    'principal',
    'subscription_id',
  ])
  @ApiCommandResponses(200, openApiSchema(deliveryListReplySchema), 'One page of deliveries and the total')
  deliveries(
    @Param('id') id: string,
    @Query() query: Record<string, unknown>,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.services.command('delivery.list', { ...queryInput(query), principal, subscription_id: id });
  }
}
