import {
  appointmentSearchReplySchema,
  appointmentSearchRequestSchema,
  personTimelineReplySchema,
  personTimelineRequestSchema,
  postHoldersReplySchema,
  postHoldersRequestSchema,
} from '@gazette-watch/contracts';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiParamFrom, ApiQueryFrom, ApiQueryResponses, openApiSchema } from './openapi.schema';
import { queryInput } from './query-string.parser';
import { InvalidQueryError } from './service-query.error';
import { ServiceQueryRepository } from './service-query.repository';

/** Appointments, people and posts: all answered by the appointments service. */
@ApiTags('appointments')
@Controller()
export class AppointmentsController {
  constructor(private readonly services: ServiceQueryRepository) {}

  @Get('appointments')
  @ApiOperation({ summary: 'Search appointments and removals (appointments.search)' })
  @ApiQueryFrom(appointmentSearchRequestSchema, {
    person: 'Person name',
    organisation: 'Organisation, e.g. 市财政局',
    region: 'Region, e.g. 北京市',
    action: 'appoint or remove',
    from: 'Signed on or after (YYYY-MM-DD)',
    to: 'Signed on or before (YYYY-MM-DD)',
    limit: 'Page size (1–500)',
    offset: 'Items to skip',
  })
  @ApiQueryResponses(openApiSchema(appointmentSearchReplySchema), 'One page of appointments and the total')
  search(@Query() query: Record<string, unknown>) {
    return this.services.ask('appointments.search', queryInput(query));
  }

  @Get('people/:name/timeline')
  @ApiOperation({ summary: "A person's tenures in order (person.timeline)" })
  @ApiParamFrom('name', personTimelineRequestSchema.shape.person, 'Person name as printed')
  @ApiQueryResponses(openApiSchema(personTimelineReplySchema), 'The tenures of the person')
  timeline(@Param('name') name: string) {
    return this.services.ask('person.timeline', { person: name });
  }

  @Get('posts/holders')
  @ApiOperation({
    summary: 'Current and past holders of a post (post.holders)',
    description: 'Name the post by its key, or as printed (`position`) together with the region.',
  })
  @ApiQueryFrom(postHoldersRequestSchema, {
    post_key: 'Post key as the appointments service reports it',
    position: 'A post as printed, e.g. 市财政局局长',
    region: 'Region that resolves a printed position',
  })
  @ApiQueryResponses(openApiSchema(postHoldersReplySchema), 'Current and past tenures of the post')
  holders(@Query() query: Record<string, unknown>) {
    const request = this.services.request('post.holders', queryInput(query));
    if (request.post_key === undefined && request.position === undefined) {
      throw new InvalidQueryError('invalid post.holders request: give post_key or position', [
        { path: 'post_key', message: 'post_key or position is required' },
      ]);
    }
    return this.services.ask('post.holders', request);
  }
}
