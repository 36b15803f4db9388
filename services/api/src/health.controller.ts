import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ServiceQueryRepository } from './service-query.repository';

/** A PING to NATS slower than this counts as disconnected. */
const NATS_PING_TIMEOUT_MS = 1_000;

export interface HealthView {
  status: 'ok' | 'unavailable';
  nats: 'connected' | 'disconnected';
}

const healthSchema = {
  type: 'object' as const,
  properties: {
    status: { type: 'string' as const, enum: ['ok', 'unavailable'] },
    nats: { type: 'string' as const, enum: ['connected', 'disconnected'] },
  },
};

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly services: ServiceQueryRepository) {}

  @Get()
  @ApiOperation({ summary: 'Whether the gateway can reach the services (its NATS connection is up)' })
  @ApiResponse({ status: 200, description: 'Connected to NATS', schema: healthSchema })
  @ApiResponse({ status: 503, description: 'Not connected to NATS', schema: healthSchema })
  async health(@Res({ passthrough: true }) response: Response): Promise<HealthView> {
    const connected = await this.services.connected(NATS_PING_TIMEOUT_MS);
    response.status(connected ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return connected ? { status: 'ok', nats: 'connected' } : { status: 'unavailable', nats: 'disconnected' };
  }
}
