import type { StoredGazette } from '@gazette-watch/contracts';
import type { GazetteMetadata } from './gazette.repository';

/** `GET /gazettes/:id`: the contracts' stored gazette plus what operators ask about. */
export interface GazetteView extends StoredGazette {
  encoding: string;
  correlation_id: string;
}

/** A stored row as the `gazette.list` reply item (contracts' `storedGazetteSchema`). */
export function storedGazetteOf(gazette: GazetteMetadata): StoredGazette {
  return {
    gazette_id: gazette.gazetteId,
    file_name: gazette.fileName,
    media_type: gazette.mediaType,
    byte_length: gazette.byteLength,
    region: gazette.region,
    url: gazette.url,
    published_on: gazette.publishedOn,
    received_at: gazette.receivedAt.toISOString(),
  };
}

export function gazetteViewOf(gazette: GazetteMetadata): GazetteView {
  return { ...storedGazetteOf(gazette), encoding: gazette.encoding, correlation_id: gazette.correlationId };
}
