import { MessagingError, TransientError, describeError } from '@gazette-watch/messaging';
import { Injectable } from '@nestjs/common';
import { NotificationEventRepository } from '../notification-event.repository';
import type { NotificationFact } from '../notification-fact.mapper';
import { PublicEventPublisher } from '../public-event.publisher';

export interface RecordNotificationResult {
  /** False when the fact was already recorded (a redelivery, a republish, a replay). */
  announced: boolean;
}

/** Records a fact once and announces it on the public hierarchy the first time only. */
@Injectable()
export class RecordNotification {
  constructor(
    private readonly events: NotificationEventRepository,
    private readonly publicEvents: PublicEventPublisher,
  ) {}

  async execute(fact: NotificationFact): Promise<RecordNotificationResult> {
    try {
      const announced = await this.events.recordOnce(fact, () => this.publicEvents.publish(fact));
      return { announced };
    } catch (error) {
      if (error instanceof MessagingError) throw error;
      // The input was validated before it got here, so what is left is the database being away.
      throw new TransientError(`recording ${fact.eventId} failed: ${describeError(error)}`, { cause: error });
    }
  }
}
