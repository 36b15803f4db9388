import {
  replayRunSchema,
  replaySelectorFieldsSchema,
  replayStartedSchema,
  replayStatusRequestSchema,
  replayStatusSchema,
  type Principal,
} from '@gazette-watch/contracts';
import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminOnly, CurrentPrincipal } from './auth/api-key.guard';
import { ApiBodyFrom, ApiCommandResponses, ApiParamFrom, ApiQueryFrom, openApiSchema } from './openapi.schema';
import { queryInput } from './query-string.parser';
import { bodyWith } from './request-input.parser';
import { ServiceQueryRepository } from './service-query.repository';

/**
 * Replays, for operators: re-run stored gazettes through the current pipeline and follow what the
 * run changes. The ingestion service owns the runs and gathers each run's report from the stages.
 */
@ApiTags('admin')
@AdminOnly()
@Controller('admin')
export class AdminReplayController {
  constructor(private readonly services: ServiceQueryRepository) {}

  @Post('replay')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Replay stored gazettes through the current pipeline (replay.start)',
    description:
      'Name exactly one of `gazette_ids`, `all: true` or `since` (received on or after that day, UTC). ' +
      'The run republishes each selected gazette with message ids ending in `@replay:<run>`; every stage ' +
      'upserts its rows and keeps what changed. `dry_run: true` only lists what would be replayed. ' +
      'Follow the run at `GET /admin/replays/{run}`. An unknown gazette id answers 404 and replays nothing.',
  })
  // The fields alone: "exactly one selector" is a refinement, which has no JSON Schema form.
  @ApiBodyFrom(replaySelectorFieldsSchema, [])
  @ApiHeader({ name: 'X-Correlation-Id', required: false, description: 'Carried by every event of the run' })
  @ApiCommandResponses(202, openApiSchema(replayStartedSchema), 'The run and the gazettes it replays')
  start(
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @Headers('x-correlation-id') correlationId: string | undefined,
  ) {
    const input = bodyWith(body, {
      requested_by: requesterOf(principal),
      // Absent unless the caller sent one: the service then names the run's own (`replay:<run>`).
      ...(correlationId ? { correlation_id: correlationId } : {}),
    });
    return this.services.command('replay.start', input);
  }

  @Get('replays/:run')
  @ApiOperation({
    summary: 'A replay run: its progress and what it changed (replay.status)',
    description:
      'Per gazette: the documents and appointments the run added, removed and changed, and whether every ' +
      'document of the new parse has reached the appointments stage. `complete` once all have; ' +
      '`unavailable` names a stage that did not answer in time (ask again).',
  })
  @ApiParamFrom('run', replayRunSchema, 'Run id, as `POST /admin/replay` answered it')
  @ApiQueryFrom(replayStatusRequestSchema, { offset: 'Gazettes to skip', limit: 'Gazettes to list (1–500)' }, [
    'run_id',
  ])
  @ApiCommandResponses(200, openApiSchema(replayStatusSchema), 'The run, a page of its gazettes, and its totals')
  status(@Param('run') run: string, @Query() query: Record<string, unknown>) {
    return this.services.command('replay.status', { ...queryInput(query), run_id: run });
  }
}

/** Who the run's record names as having asked. */
function requesterOf(principal: Principal): string {
  return principal.role === 'admin' ? 'admin' : `subscriber:${principal.subscriber_id}`;
}
