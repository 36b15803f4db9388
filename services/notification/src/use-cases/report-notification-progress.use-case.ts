import type { StageProgress } from '@gazette-watch/contracts';
import { Injectable } from '@nestjs/common';
import { NotificationEventRepository } from '../notification-event.repository';
import { NOTIFICATION_SERVICE } from '../notification.config';

export interface NotificationProgressQuery {
  gazette_id: string;
}

/** How many facts of a gazette were announced. */
@Injectable()
export class ReportNotificationProgress {
  constructor(private readonly events: NotificationEventRepository) {}

  async execute(query: NotificationProgressQuery): Promise<StageProgress> {
    const { done, updatedAt } = await this.events.countForGazette(query.gazette_id);
    return {
      gazette_id: query.gazette_id,
      stage: NOTIFICATION_SERVICE,
      done,
      // Facts arrive one by one from upstream; this stage never knows how many will come.
      expected: null,
      updated_at: updatedAt ? new Date(updatedAt).toISOString() : null,
    };
  }
}
