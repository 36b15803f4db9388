import {
  ContractViolation,
  gazetteId,
  gazetteIngestedPayloadSchema,
  type GazetteIngestedPayload,
} from '@gazette-watch/contracts';
import { GazetteInputError, decodeGazette } from '@gazette-watch/parser';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { GazetteEventsRepository } from '../gazette-events.repository';
import { GazetteRepository, type GazetteMetadata } from '../gazette.repository';
import { INGESTION_CONFIG, type IngestionConfig } from '../ingestion.config';

export interface IngestGazetteCommand {
  bytes: Uint8Array;
  fileName: string;
  mediaType: string;
  region?: string;
  url?: string;
  /** `YYYY-MM-DD` */
  publishedOn?: string;
  /** Generated when the caller has none. */
  correlationId?: string;
}

export interface IngestGazetteResult {
  gazetteId: string;
  /** The same bytes were stored before; the stored row was kept as it was. */
  duplicate: boolean;
  correlationId: string;
}

/** Metadata that would make `gazette.ingested` invalid; refused before anything is stored. */
export class IngestCommandError extends Error {
  override readonly name = 'IngestCommandError';
}

const payloadShape = gazetteIngestedPayloadSchema.shape;
const sourceShape = payloadShape.source.shape;

/** The metadata checked with the event's own field schemas, so a stored row always makes a valid event. */
const ingestMetadataSchema = z.object({
  fileName: payloadShape.file_name,
  mediaType: payloadShape.media_type,
  region: sourceShape.region.transform((value) => value ?? null),
  url: sourceShape.url.transform((value) => value ?? null),
  publishedOn: sourceShape.published_on.transform((value) => value ?? null),
});

/**
 * Stores a gazette file under the SHA-256 of its bytes and announces it with `gazette.ingested`.
 *
 * The event is published on every call, duplicates included, and the answer waits for its PubAck:
 * within the stream's duplicate window the server drops the repeat (same message id), and a crash
 * between storing and publishing is healed by the client simply sending the file again.
 */
@Injectable()
export class IngestGazette {
  private readonly logger = new Logger(IngestGazette.name);

  constructor(
    private readonly gazettes: GazetteRepository,
    private readonly events: GazetteEventsRepository,
    @Inject(INGESTION_CONFIG) private readonly config: Pick<IngestionConfig, 'MAX_GAZETTE_BYTES'>,
  ) {}

  async execute(command: IngestGazetteCommand): Promise<IngestGazetteResult> {
    const metadata = checkMetadata(command);
    const { bytes } = command;
    if (bytes.byteLength > this.config.MAX_GAZETTE_BYTES) {
      throw new GazetteInputError(
        'too_large',
        `the input is ${bytes.byteLength} bytes; the limit is ${this.config.MAX_GAZETTE_BYTES} bytes (MAX_GAZETTE_BYTES)`,
      );
    }
    // Throws GazetteInputError (empty, binary, undecodable) before anything is stored.
    const { encoding } = decodeGazette(bytes);
    const id = gazetteId(bytes);
    const correlationId = command.correlationId ?? randomUUID();

    const { inserted, gazette } = await this.gazettes.storeIfAbsent({
      gazetteId: id,
      bytes,
      encoding,
      correlationId,
      ...metadata,
    });
    // Built from the stored row, so a duplicate republishes the original event, not this request's metadata.
    const published = await this.events.publishIngested(ingestedPayloadOf(gazette), correlationId);
    this.logger.log(
      `${inserted ? 'stored' : 'duplicate of'} gazette ${id} (${gazette.fileName}, ${bytes.byteLength} bytes, ${encoding})` +
        `; gazette.ingested ${published.duplicate ? 'already in the stream' : `published as #${published.seq}`}` +
        ` [${correlationId}]`,
    );
    return { gazetteId: id, duplicate: !inserted, correlationId };
  }
}

/** The `gazette.ingested` payload of a stored gazette. */
export function ingestedPayloadOf(gazette: GazetteMetadata): GazetteIngestedPayload {
  return {
    gazette_id: gazette.gazetteId,
    sha256: gazette.gazetteId,
    byte_length: gazette.byteLength,
    file_name: gazette.fileName,
    media_type: gazette.mediaType,
    source: {
      ...(gazette.region !== null ? { region: gazette.region } : {}),
      ...(gazette.url !== null ? { url: gazette.url } : {}),
      ...(gazette.publishedOn !== null ? { published_on: gazette.publishedOn } : {}),
    },
    stored_at: gazette.receivedAt.toISOString(),
  };
}

function checkMetadata(command: IngestGazetteCommand): z.infer<typeof ingestMetadataSchema> {
  const result = ingestMetadataSchema.safeParse(command);
  if (!result.success) {
    throw new IngestCommandError(ContractViolation.fromZod('gazette metadata', result.error).message);
  }
  return result.data;
}
