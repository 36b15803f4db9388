import type { RpcRequest, StageProgress } from '@gazette-watch/contracts';
import { Injectable } from '@nestjs/common';
import { DocumentEntitiesRepository } from '../document-entities.repository';
import { EXTRACTION_SERVICE } from '../extraction.config';

/** `extraction.progress`: documents of a gazette extracted so far. */
@Injectable()
export class ReportExtractionProgress {
  constructor(private readonly store: DocumentEntitiesRepository) {}

  execute(query: RpcRequest<'extraction.progress'>): Promise<StageProgress> {
    return this.store.progress(query.gazette_id, EXTRACTION_SERVICE);
  }
}
