import {
  documentDetailSchema,
  documentIdSchema,
  documentSearchReplySchema,
  documentSearchRequestSchema,
  entitiesGetReplySchema,
  type RpcReply,
} from '@gazette-watch/contracts';
import { Controller, Get, NotFoundException, Param, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ApiParamFrom, ApiQueryFrom, ApiQueryResponses, ERROR_BODY_SCHEMA, openApiSchema } from './openapi.schema';
import { queryInput } from './query-string.parser';
import { ServiceQueryRepository } from './service-query.repository';

/** Whether the document's entities are in: extracted, not yet, or the extraction service is away. */
export type ExtractionState = 'done' | 'pending' | 'unavailable';

const documentWithEntitiesSchema = documentDetailSchema.extend({
  entities: entitiesGetReplySchema.shape.entities,
  regulation: entitiesGetReplySchema.shape.regulation,
  extraction: z.enum(['done', 'pending', 'unavailable']),
});
export type DocumentWithEntities = z.infer<typeof documentWithEntitiesSchema>;

@ApiTags('documents')
@Controller('documents')
export class DocumentsController {
  constructor(private readonly services: ServiceQueryRepository) {}

  @Get()
  @ApiOperation({ summary: 'Search documents (segmentation service, documents.search)' })
  @ApiQueryFrom(documentSearchRequestSchema, {
    gazette_id: 'Only documents of this gazette',
    region: 'Region of the gazette, e.g. 北京市',
    kind: 'Document kind (文种), e.g. 通知, 办法',
    category: 'personnel, regulation, approval or other',
    issuer: 'An issuing organisation',
    from: 'Signed on or after (YYYY-MM-DD)',
    to: 'Signed on or before (YYYY-MM-DD)',
    text: 'Words in the title or text',
    limit: 'Page size (1–500)',
    offset: 'Items to skip',
  })
  @ApiQueryResponses(openApiSchema(documentSearchReplySchema), 'One page of matching documents and the total')
  search(@Query() query: Record<string, unknown>) {
    return this.services.ask('documents.search', queryInput(query));
  }

  @Get(':id')
  @ApiOperation({
    summary: 'A document with its entities and regulation terms',
    description:
      'Merges document.get (segmentation) and entities.get (extraction). While the document is not yet ' +
      'extracted, or the extraction service does not answer, `extraction` says so and the entities are empty.',
  })
  @ApiParamFrom('id', documentIdSchema, 'Document id "<gazette sha256>:<index>"')
  @ApiQueryResponses(openApiSchema(documentWithEntitiesSchema), 'The document', [
    ApiNotFoundResponse({ description: 'No such document', schema: ERROR_BODY_SCHEMA }),
  ])
  async get(@Param('id') id: string): Promise<DocumentWithEntities> {
    const request = this.services.request('document.get', { document_id: id });
    const [detail, entities] = await Promise.all([
      this.services.ask('document.get', request),
      // The document is worth showing without its entities; only its own absence fails the request.
      this.services.ask('entities.get', request).catch(() => null),
    ]);
    if (!detail.document) throw new NotFoundException(`document ${request.document_id} is not known`);
    return { ...detail.document, ...entityPart(entities) };
  }
}

function entityPart(
  reply: RpcReply<'entities.get'> | null,
): Pick<DocumentWithEntities, 'entities' | 'regulation' | 'extraction'> {
  if (!reply) return { entities: [], regulation: null, extraction: 'unavailable' };
  if (!reply.found) return { entities: [], regulation: null, extraction: 'pending' };
  return { entities: reply.entities, regulation: reply.regulation, extraction: 'done' };
}
