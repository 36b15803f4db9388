import {
  appointmentEnvelope,
  notificationMessage,
  NOTIFICATION_ID,
  regulationEnvelope,
} from '../test/subscription-fixtures';
import { notificationEvent, publicFactEvent } from './server-sent-event.presenter';

describe('notificationEvent', () => {
  it('is named by the notification type, with its id, carrying the webhook body', () => {
    const message = notificationMessage();
    expect(notificationEvent(message)).toEqual({ id: NOTIFICATION_ID, event: 'appointment.created', data: message });
  });
});

describe('publicFactEvent', () => {
  it('names an appointment by its kind and titles it', () => {
    const envelope = appointmentEnvelope();
    expect(publicFactEvent({ kind: 'appointment', envelope })).toEqual({
      id: envelope.id,
      event: 'appointment',
      data: {
        type: 'appointment.recorded',
        fact_id: envelope.id,
        region: '吕梁市',
        title: '[吕梁市] 任命 张三 为 市财政局局长',
        fact: envelope.payload,
      },
    });
  });

  it('names a regulation by its kind, titled by the document', () => {
    const envelope = regulationEnvelope();
    expect(publicFactEvent({ kind: 'regulation', envelope })).toMatchObject({
      id: envelope.id,
      event: 'regulation',
      data: { type: 'regulation.published', region: '太原市', title: '[太原市] 太原市城市供水管理办法' },
    });
  });
});
