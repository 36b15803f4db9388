import type { RpcRequest, StageProgress } from '@gazette-watch/contracts';
import { Injectable } from '@nestjs/common';
import { DocumentRepository } from '../document.repository';
import { SEGMENTATION_SERVICE } from '../segmentation.config';

/** `segmentation.progress`: documents stored for a gazette against the number its parse found. */
@Injectable()
export class ReportSegmentationProgress {
  constructor(private readonly documents: DocumentRepository) {}

  execute(query: RpcRequest<'segmentation.progress'>): Promise<StageProgress> {
    return this.documents.progress(query.gazette_id, SEGMENTATION_SERVICE);
  }
}
