import { SUBJECTS, eventMessageId, makeEnvelope } from '@gazette-watch/contracts';
import { PermanentError, PipelineEventsRepository, type OutgoingEvent } from '@gazette-watch/messaging';
import {
  GazetteInputError,
  PARSER_VERSION,
  parseGazette,
  type GazetteParse,
  type ParseOptions,
} from '@gazette-watch/parser';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DocumentRepository } from '../document.repository';
import { GazetteSourceRepository } from '../gazette-source.repository';
import { documentRows, gazetteIssueRow, segmentedPayloads } from '../gazette-parse.mapper';
import { SEGMENTATION_SERVICE } from '../segmentation.config';

/** How the service parses a gazette: `parseGazette`, unless a test puts another parser in its place. */
export type GazetteParser = (bytes: Uint8Array, options: ParseOptions) => GazetteParse;

/** Injection token of the `GazetteParser`. */
export const GAZETTE_PARSER = Symbol('GAZETTE_PARSER');

export const defaultGazetteParser: GazetteParser = (bytes, options) => parseGazette(bytes, options);

export interface SegmentGazetteCommand {
  gazetteId: string;
  /** For messages only. */
  fileName: string;
  /** Carried unchanged into every event this produces. */
  correlationId: string;
  /** The replay run that republished the gazette; absent on a first run. */
  replayRun?: string;
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
 *
 * A replay run does the same with the current parser, and besides keeps what the new parse
 * changed; its events carry the run (ids ending in `@replay:<run>`) and the new number of
 * documents, so that the later stages drop what they hold of documents the parse no longer has.
 */
@Injectable()
export class SegmentGazette {
  private readonly logger = new Logger(SegmentGazette.name);

  constructor(
    private readonly source: GazetteSourceRepository,
    private readonly documents: DocumentRepository,
    private readonly events: PipelineEventsRepository,
    @Inject(GAZETTE_PARSER) private readonly parser: GazetteParser,
  ) {}

  async execute(command: SegmentGazetteCommand): Promise<SegmentGazetteResult> {
    const bytes = await this.source.fetch(command.gazetteId);
    const parse = this.parse(bytes, command);
    const { replayRun } = command;

    const changes = await this.documents.replaceGazette(
      gazetteIssueRow(command.gazetteId, parse, PARSER_VERSION, new Date()),
      documentRows(command.gazetteId, parse, PARSER_VERSION),
      replayRun === undefined ? undefined : { runId: replayRun },
    );

    const replay = replayRun === undefined ? {} : { replayRun, replayDocumentCount: parse.documents.length };
    const outgoing: OutgoingEvent[] = segmentedPayloads(command.gazetteId, parse, PARSER_VERSION).map((payload) => ({
      subject: SUBJECTS.documentSegmented,
      envelope: makeEnvelope(SUBJECTS.documentSegmented, payload, {
        id: eventMessageId(SUBJECTS.documentSegmented, payload, replayRun),
        correlationId: command.correlationId,
        producer: SEGMENTATION_SERVICE,
        ...replay,
      }),
    }));
    const published = await this.events.publishAll(outgoing);
    this.logger.log(
      `${command.fileName} (${command.gazetteId.slice(0, 12)}): ${parse.documents.length} documents, ` +
        `${published.published} events published, ${published.duplicates} already published` +
        (changes
          ? `; replay ${replayRun}: ${changes.added.length} added, ${changes.removed.length} removed, ` +
            `${changes.changed.length} changed`
          : ''),
    );
    return { documents: parse.documents.length, ...published };
  }

  private parse(bytes: Uint8Array, command: SegmentGazetteCommand): GazetteParse {
    try {
      // Entities are the extraction service's work, done there per document.
      return this.parser(bytes, { source: command.fileName, entities: false });
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
