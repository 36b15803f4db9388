import { deliverySchema, type Principal } from '@gazette-watch/contracts';
import { Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Authenticated, CurrentPrincipal } from './auth/api-key.guard';
import { ApiCommandResponses, ApiParamFrom, openApiSchema } from './openapi.schema';
import { ServiceQueryRepository } from './service-query.repository';

const DELIVERY_ID = z.uuid();

/** One notification's webhook delivery: its attempts, and sending it again. */
@ApiTags('subscriptions')
@Authenticated()
@Controller('deliveries')
export class DeliveriesController {
  constructor(private readonly services: ServiceQueryRepository) {}

  @Get(':id')
  @ApiOperation({ summary: 'A delivery with every attempt (delivery.get)' })
  @ApiParamFrom('id', DELIVERY_ID, 'Delivery id (the `webhook-id` header)')
  @ApiCommandResponses(200, openApiSchema(deliverySchema), 'The delivery and its attempt log')
  get(@Param('id') id: string, @CurrentPrincipal() principal: Principal) {
    return this.services.command('delivery.get', { principal, delivery_id: id });
  }

  @Post(':id/redeliver')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Send a delivery again (delivery.redeliver)',
    description: 'Queued, not sent yet: the answer is the delivery as scheduled. The `webhook-id` stays the same.',
  })
  @ApiParamFrom('id', DELIVERY_ID, 'Delivery id')
  @ApiCommandResponses(202, openApiSchema(deliverySchema), 'The delivery, scheduled again')
  redeliver(@Param('id') id: string, @CurrentPrincipal() principal: Principal) {
    return this.services.command('delivery.redeliver', { principal, delivery_id: id });
  }
}
