import { SUBJECTS, eventMessageId, makeEnvelope } from '@gazette-watch/contracts';
import { PermanentError } from '@gazette-watch/messaging';
import { GazetteInputError, PARSER_VERSION, parseGazette, type GazetteParse } from '@gazette-watch/parser';
import { Injectable, Logger } from '@nestjs/common';
import { DocumentRepository } from '../document.repository';
import { GazetteSourceRepository } from '../gazette-source.repository';
import { documentRows, gazetteIssueRow, segmentedPayloads } from '../gazette-parse.mapper';
import { PipelineEventsRepository, type OutgoingEvent } from '@gazette-watch/messaging';
import { SEGMENTATION_SERVICE } from '../segmentation.config';

export interface SegmentGazetteCommand {
  gazetteId: string;
  /** For messages only. */
  fileName: string;
  /** Carried unchanged into every event this produces. */
  correlationId: string;
}

export interface SegmentGazetteResult {
  documents: number;
  published: number;
  duplicates: number;
}

/**
 * Fetches a gazette's bytes, parses it, stores the issue and its documents, then announces each
 * document. Safe to repeat: rows are upserted on deterministic ids and the events carry
 * deterministic message ids, so a redelivery changes nothing and publishes nothing new.
 */
@Injectable()
export class SegmentGazette {
  private readonly logger = new Logger(SegmentGazette.name);

  constructor(
    private readonly source: GazetteSourceRepository,
    private readonly documents: DocumentRepository,
    private readonly events: PipelineEventsRepository,
  ) {}

  async execute(command: SegmentGazetteCommand): Promise<SegmentGazetteResult> {
    const bytes = await this.source.fetch(command.gazetteId);
    const parse = this.parse(bytes, command);

    await this.documents.replaceGazette(
      gazetteIssueRow(command.gazetteId, parse, PARSER_VERSION, new Date()),
      documentRows(command.gazetteId, parse, PARSER_VERSION),
    );

    const outgoing: OutgoingEvent[] = segmentedPayloads(command.gazetteId, parse, PARSER_VERSION).map((payload) => ({
      subject: SUBJECTS.documentSegmented,
      envelope: makeEnvelope(SUBJECTS.documentSegmented, payload, {
        id: eventMessageId(SUBJECTS.documentSegmented, payload),
        correlationId: command.correlationId,
        producer: SEGMENTATION_SERVICE,
      }),
    }));
    const published = await this.events.publishAll(outgoing);
    this.logger.log(
      `${command.fileName} (${command.gazetteId.slice(0, 12)}): ${parse.documents.length} documents, ` +
        `${published.published} events published, ${published.duplicates} already published`,
    );
    return { documents: parse.documents.length, ...published };
  }

  private parse(bytes: Uint8Array, command: SegmentGazetteCommand): GazetteParse {
    try {
      // Entities are the extraction service's work, done there per document.
      return parseGazette(bytes, { source: command.fileName, entities: false });
    } catch (error) {
      // The parser refuses the input itself (empty, binary, undecodable): the same bytes fail every time.
      if (error instanceof GazetteInputError) {
        throw new PermanentError(
          `gazette ${command.gazetteId} rejected by the parser (${error.code}): ${error.message}`,
          {
            cause: error,
          },
        );
      }
      throw error;
    }
  }
}
