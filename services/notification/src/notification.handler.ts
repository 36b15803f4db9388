import {
  SUBJECTS,
  type AppointmentRecordedPayload,
  type EventEnvelope,
  type RegulationPublishedPayload,
  type StageProgress,
} from '@gazette-watch/contracts';
import { acceptRpcRequest } from '@gazette-watch/messaging';
import { Controller } from '@nestjs/common';
import { EventPattern, MessagePattern, Payload } from '@nestjs/microservices';
import { notificationFactOf, type NotificationFact } from './notification-fact.mapper';
import { NotificationMetrics } from './notification.metrics';
import { RecordNotification } from './use-cases/record-notification.use-case';
import { ReportNotificationProgress } from './use-cases/report-notification-progress.use-case';

export const NOTIFICATION_PROGRESS = 'notification.progress';

/**
 * Both facts live in the FACTS stream; the transport gives the two patterns one durable consumer
 * on that stream (NATS 2.9 allows one filter per consumer) and routes each message by subject.
 * Envelopes arrive already checked by `parseEnvelope` (the server's `validate`).
 */
@Controller()
export class NotificationHandler {
  constructor(
    private readonly recordNotification: RecordNotification,
    private readonly reportProgress: ReportNotificationProgress,
    private readonly metrics: NotificationMetrics,
  ) {}

  @EventPattern(SUBJECTS.appointmentRecorded)
  async onAppointmentRecorded(@Payload() envelope: EventEnvelope<AppointmentRecordedPayload>): Promise<void> {
    await this.record(notificationFactOf({ type: SUBJECTS.appointmentRecorded, envelope }));
  }

  @EventPattern(SUBJECTS.regulationPublished)
  async onRegulationPublished(@Payload() envelope: EventEnvelope<RegulationPublishedPayload>): Promise<void> {
    await this.record(notificationFactOf({ type: SUBJECTS.regulationPublished, envelope }));
  }

  private async record(fact: NotificationFact): Promise<void> {
    const { change, notifications } = await this.recordNotification.execute(fact);
    this.metrics.delivered(fact.kind, change !== null);
    const webhooks = notifications.filter((notification) => notification.status !== 'none').length;
    this.metrics.notificationsQueued(fact.kind, webhooks, notifications.length - webhooks);
  }

  @MessagePattern(NOTIFICATION_PROGRESS)
  progress(@Payload() data: unknown): Promise<StageProgress> {
    return this.reportProgress.execute(acceptRpcRequest(NOTIFICATION_PROGRESS, data));
  }
}
