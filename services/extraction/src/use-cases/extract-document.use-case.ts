import { SUBJECTS, eventMessageId, makeEnvelope, type DocumentSegmentedPayload } from '@gazette-watch/contracts';
import { PARSER_VERSION } from '@gazette-watch/parser';
import { Injectable } from '@nestjs/common';
import { DocumentEntitiesRepository } from '../document-entities.repository';
import { entityMentionRows, extractDocument, extractedPayload, regulationPayload } from '../document-extraction.mapper';
import { EXTRACTION_SERVICE } from '../extraction.config';
import { PipelineEventsRepository, type OutgoingEvent } from '@gazette-watch/messaging';

export interface ExtractDocumentCommand {
  segmented: DocumentSegmentedPayload;
  /** Carried unchanged into every event this produces. */
  correlationId: string;
  /** The replay run the document was re-segmented by; absent on a first run. */
  replayRun?: string;
  /** With a replay run: the documents of the gazette's new parse (those beyond it are dropped). */
  replayDocumentCount?: number;
}

export interface ExtractDocumentResult {
  entities: number;
  published: number;
  duplicates: number;
}

/**
 * Extracts a document's entities (and regulation terms), stores them, then announces them:
 * `document.extracted` always, `regulation.published` for regulations. Safe to repeat: the rows are
 * replaced, and the events carry deterministic message ids.
 *
 * In a replay run the events carry the run on (ids ending in `@replay:<run>`, the new document
 * count), and the gazette's documents the new parse no longer has lose their entities.
 */
@Injectable()
export class ExtractDocument {
  constructor(
    private readonly store: DocumentEntitiesRepository,
    private readonly events: PipelineEventsRepository,
  ) {}

  async execute(command: ExtractDocumentCommand): Promise<ExtractDocumentResult> {
    const { segmented, replayRun, replayDocumentCount } = command;
    const extraction = extractDocument(segmented);
    // The document count travels with document events; a fact event carries only the run.
    const replay = replayRun === undefined ? {} : { replayRun };

    await this.store.replaceDocument(
      {
        documentId: segmented.document_id,
        gazetteId: segmented.gazette_id,
        category: segmented.document.category,
        region: segmented.gazette.region,
        entities: extraction.entities,
        regulation: extraction.regulation,
        pipelineVersion: PARSER_VERSION,
        extractedAt: new Date(),
      },
      entityMentionRows(segmented.document_id, extraction.entities, PARSER_VERSION),
      replayRun !== undefined && replayDocumentCount !== undefined ? replayDocumentCount : undefined,
    );

    const options = { correlationId: command.correlationId, producer: EXTRACTION_SERVICE, ...replay };
    const extracted = extractedPayload(segmented, extraction, PARSER_VERSION);
    const outgoing: OutgoingEvent[] = [
      {
        subject: SUBJECTS.documentExtracted,
        envelope: makeEnvelope(SUBJECTS.documentExtracted, extracted, {
          ...options,
          replayDocumentCount: replayRun === undefined ? undefined : replayDocumentCount,
          id: eventMessageId(SUBJECTS.documentExtracted, extracted, replayRun),
        }),
      },
    ];
    if (extraction.regulation) {
      const regulation = regulationPayload(segmented, extraction.regulation, PARSER_VERSION);
      outgoing.push({
        subject: SUBJECTS.regulationPublished,
        envelope: makeEnvelope(SUBJECTS.regulationPublished, regulation, {
          ...options,
          id: eventMessageId(SUBJECTS.regulationPublished, regulation, replayRun),
        }),
      });
    }
    const published = await this.events.publishAll(outgoing);
    return { entities: extraction.entities.length, ...published };
  }
}
