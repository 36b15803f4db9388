import type { RpcReply, RpcRequest } from '@gazette-watch/contracts';
import { Injectable } from '@nestjs/common';
import { DocumentEntitiesRepository } from '../document-entities.repository';

/** `entities.get`: a document's entities and regulation terms, `found: false` before extraction. */
@Injectable()
export class GetEntities {
  constructor(private readonly store: DocumentEntitiesRepository) {}

  execute(query: RpcRequest<'entities.get'>): Promise<RpcReply<'entities.get'>> {
    return this.store.get(query.document_id);
  }
}
