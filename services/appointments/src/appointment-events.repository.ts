import type { OnApplicationShutdown } from '@nestjs/common';
import { SUBJECTS, type AppointmentRecordedPayload, type EventEnvelope } from '@gazette-watch/contracts';
import { JetStreamClient, type PublishResult } from '@gazette-watch/messaging';
import { lastValueFrom } from 'rxjs';

/** The outgoing side: `appointment.recorded` events on the FACTS stream. */
export class AppointmentEventsRepository implements OnApplicationShutdown {
  constructor(private readonly client: JetStreamClient) {}

  /**
   * Publishes in order, each after the previous PubAck, and resolves once all are stored, so the
   * caller may ack its input. Deterministic envelope ids make a republish a server-side duplicate.
   */
  async publishRecorded(envelopes: ReadonlyArray<EventEnvelope<AppointmentRecordedPayload>>): Promise<PublishResult[]> {
    const results: PublishResult[] = [];
    for (const envelope of envelopes) {
      results.push(await lastValueFrom(this.client.emit<PublishResult>(SUBJECTS.appointmentRecorded, envelope)));
    }
    return results;
  }

  async onApplicationShutdown(): Promise<void> {
    // Runs after the transport has drained, so no handler is still publishing.
    await this.client.close();
  }
}
