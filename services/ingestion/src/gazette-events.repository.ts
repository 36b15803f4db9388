import {
  SUBJECTS,
  eventMessageId,
  makeEnvelope,
  type EventEnvelope,
  type GazetteIngestedPayload,
} from '@gazette-watch/contracts';
import type { JetStreamClient, PublishResult } from '@gazette-watch/messaging';
import { lastValueFrom } from 'rxjs';
import { INGESTION_SERVICE } from './ingestion.config';

/** The outgoing side of the service: `gazette.ingested` on JetStream. */
export class GazetteEventsRepository {
  constructor(private readonly client: JetStreamClient) {}

  /**
   * Publishes `gazette.ingested` and resolves with the PubAck. The message id is
   * `gazette.ingested:<sha256>`, so a republish inside the stream's duplicate window is dropped
   * by the server (`duplicate: true` in the result). A replay run's event is
   * `gazette.ingested:<sha256>@replay:<run>`, so the window cannot swallow it as a repeat of the
   * first run's.
   */
  async publishIngested(
    payload: GazetteIngestedPayload,
    correlationId: string,
    replayRun?: string,
  ): Promise<PublishResult> {
    const envelope: EventEnvelope<GazetteIngestedPayload> = makeEnvelope(SUBJECTS.gazetteIngested, payload, {
      id: eventMessageId(SUBJECTS.gazetteIngested, payload, replayRun),
      correlationId,
      producer: INGESTION_SERVICE,
      replayRun,
    });
    return lastValueFrom(this.client.emit<PublishResult>(SUBJECTS.gazetteIngested, envelope));
  }
}
