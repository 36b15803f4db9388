import { gazetteListReplySchema, gazetteListRequestSchema, sha256HexSchema } from '@gazette-watch/contracts';
import { describeError } from '@gazette-watch/messaging';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import {
  PROGRESS_STAGES,
  summariseProgress,
  type GazetteProgressView,
  type StageAnswer,
  type StageName,
} from './gazette-progress.summary';
import { ApiParamFrom, ApiQueryFrom, ApiQueryResponses, openApiSchema } from './openapi.schema';
import { queryInput } from './query-string.parser';
import { ServiceQueryRepository } from './service-query.repository';

const nullableInt = z.number().int().nullable();
const progressViewSchema = z.object({
  gazette_id: sha256HexSchema,
  status: z.enum(['complete', 'in_progress']),
  complete: z.boolean(),
  documents: nullableInt,
  stages: z.array(
    z.object({
      gazette_id: sha256HexSchema,
      stage: z.enum(PROGRESS_STAGES.map((s) => s.stage)),
      status: z.enum(['done', 'in_progress', 'unavailable']),
      done: nullableInt,
      expected: nullableInt,
      updated_at: z.string().nullable(),
      error: z.string().optional(),
    }),
  ),
});

@ApiTags('gazettes')
@Controller('gazettes')
export class GazettesController {
  constructor(private readonly services: ServiceQueryRepository) {}

  @Get()
  @ApiOperation({ summary: 'Stored gazettes (ingestion service, gazette.list)' })
  @ApiQueryFrom(gazetteListRequestSchema, {
    limit: 'Page size (1–500)',
    offset: 'Items to skip',
  })
  @ApiQueryResponses(openApiSchema(gazetteListReplySchema), 'One page of gazettes and the total')
  list(@Query() query: Record<string, unknown>) {
    return this.services.ask('gazette.list', queryInput(query));
  }

  @Get(':id/progress')
  @ApiOperation({
    summary: 'How far a gazette has come through every stage',
    description:
      'Asks the five stages in parallel. A stage that does not answer shows as `unavailable` instead of ' +
      'failing the request. `complete` once every stage reached its expected count (the fact stages: once ' +
      'every document was extracted).',
  })
  @ApiParamFrom('id', sha256HexSchema, 'Gazette id (sha256 of its bytes)')
  @ApiQueryResponses(openApiSchema(progressViewSchema), 'The gazette and each stage')
  async progress(@Param('id') id: string): Promise<GazetteProgressView> {
    const request = this.services.request('ingestion.progress', { gazette_id: id });
    const answers = await Promise.all(
      PROGRESS_STAGES.map(async ({ stage, query }): Promise<[StageName, StageAnswer]> => {
        try {
          return [stage, { ok: true, progress: await this.services.ask(query, request) }];
        } catch (error) {
          return [stage, { ok: false, error: describeError(error) }];
        }
      }),
    );
    return summariseProgress(request.gazette_id, Object.fromEntries(answers) as Record<StageName, StageAnswer>);
  }
}
