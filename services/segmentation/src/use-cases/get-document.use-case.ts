import type { RpcReply, RpcRequest } from '@gazette-watch/contracts';
import { Injectable } from '@nestjs/common';
import { DocumentRepository } from '../document.repository';

/** `document.get`: one stored document with its gazette's metadata, or null. */
@Injectable()
export class GetDocument {
  constructor(private readonly documents: DocumentRepository) {}

  async execute(query: RpcRequest<'document.get'>): Promise<RpcReply<'document.get'>> {
    return { document: await this.documents.get(query.document_id) };
  }
}
