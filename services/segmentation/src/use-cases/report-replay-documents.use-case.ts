import type { RpcReply, RpcRequest } from '@gazette-watch/contracts';
import { Injectable } from '@nestjs/common';
import { DocumentRepository } from '../document.repository';

/**
 * `replay.documents-report`: per gazette, the pipeline version of the stored documents and what a
 * replay run's re-parse added, removed and changed (null until the run reached the gazette).
 */
@Injectable()
export class ReportReplayDocuments {
  constructor(private readonly documents: DocumentRepository) {}

  execute(query: RpcRequest<'replay.documents-report'>): Promise<RpcReply<'replay.documents-report'>> {
    return this.documents.replayReports(query.gazette_ids, query.run_id);
  }
}
