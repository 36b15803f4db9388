import { Injectable } from '@nestjs/common';
import { lastValueFrom } from 'rxjs';
import type { OutgoingEvent } from './event-publisher';
import { JetStreamClient } from './jetstream.client';

export interface PublishSummary {
  published: number;
  /** Dropped by the stream as repeats of a message id it already holds (a redelivery's republish). */
  duplicates: number;
}

/** The JetStream streams a service publishes its events to. */
@Injectable()
export class PipelineEventsRepository {
  constructor(private readonly client: JetStreamClient) {}

  /**
   * Publishes the events and resolves once every PubAck arrived, so that the incoming message is
   * acked only when its consequences are stored. The publishes leave one connection in order and
   * JetStream stores them in that order; only the waiting for their acks overlaps.
   */
  async publishAll(events: readonly OutgoingEvent[]): Promise<PublishSummary> {
    const acks = await Promise.all(
      events.map((event) => lastValueFrom(this.client.emit<{ duplicate: boolean }>(event.subject, event.envelope))),
    );
    const duplicates = acks.filter((ack) => ack.duplicate).length;
    return { published: events.length - duplicates, duplicates };
  }
}
