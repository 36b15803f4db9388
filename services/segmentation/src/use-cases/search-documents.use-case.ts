import type { RpcReply } from '@gazette-watch/contracts';
import { Injectable } from '@nestjs/common';
import { DocumentRepository } from '../document.repository';
import type { DocumentSearchRequest } from '../document-search.filter';

/** `documents.search`: stored documents by region, kind, category, issuer, date and text, newest first. */
@Injectable()
export class SearchDocuments {
  constructor(private readonly documents: DocumentRepository) {}

  execute(query: DocumentSearchRequest): Promise<RpcReply<'documents.search'>> {
    return this.documents.search(query);
  }
}
