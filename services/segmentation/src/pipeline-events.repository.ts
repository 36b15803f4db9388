import type { EventEnvelope } from '@gazette-watch/contracts';
import { JetStreamClient } from '@gazette-watch/messaging';
import { Injectable } from '@nestjs/common';
import { lastValueFrom } from 'rxjs';

export interface OutgoingEvent {
  /** Logical subject (the event type); the client adds the namespace prefix. */
  subject: string;
  envelope: EventEnvelope<unknown>;
}

export interface PublishSummary {
  published: number;
  /** Dropped by the stream as repeats of a message id it already holds (a redelivery's republish). */
  duplicates: number;
}

/** The JetStream streams this service publishes to. */
@Injectable()
export class PipelineEventsRepository {
  constructor(private readonly client: JetStreamClient) {}

  /**
   * Publishes in order and resolves once every PubAck arrived, so that the incoming message is
   * acked only when its consequences are stored.
   */
  async publishAll(events: readonly OutgoingEvent[]): Promise<PublishSummary> {
    let duplicates = 0;
    for (const event of events) {
      const ack = await lastValueFrom(this.client.emit<{ duplicate: boolean }>(event.subject, event.envelope));
      if (ack.duplicate) duplicates++;
    }
    return { published: events.length - duplicates, duplicates };
  }
}
