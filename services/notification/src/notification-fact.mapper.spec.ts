import { SUBJECTS } from '@gazette-watch/contracts';
import { appointmentEvent, GAZETTE_ID, regulationEvent } from '../test/notification-fixtures';
import { notificationFactOf } from './notification-fact.mapper';

describe('notificationFactOf', () => {
  it('maps an appointment onto events.appointment.<region>', () => {
    const envelope = appointmentEvent(0, '张三', '北京市');
    const fact = notificationFactOf({ type: SUBJECTS.appointmentRecorded, envelope });
    expect(fact).toEqual({
      eventId: envelope.id,
      kind: 'appointment',
      type: SUBJECTS.appointmentRecorded,
      gazetteId: GAZETTE_ID,
      documentId: `${GAZETTE_ID}:0`,
      region: '北京市',
      docType: null,
      subject: 'events.appointment.北京市',
      payload: envelope.payload,
      correlationId: 'corr-张三',
      occurredAt: envelope.occurred_at,
    });
  });

  it('maps a regulation onto events.regulation.<region>.<kind>, unknown parts as "unknown"', () => {
    const known = notificationFactOf({
      type: SUBJECTS.regulationPublished,
      envelope: regulationEvent(1, '北京市', '通知'),
    });
    expect(known).toMatchObject({ kind: 'regulation', docType: '通知', subject: 'events.regulation.北京市.通知' });
    const unknown = notificationFactOf({
      type: SUBJECTS.regulationPublished,
      envelope: regulationEvent(2, null, null),
    });
    expect(unknown.subject).toBe('events.regulation.unknown.unknown');
  });

  it('gives a replayed fact the id of the original, so it is not announced twice', () => {
    const original = appointmentEvent(0, '李四', '上海市');
    const replayed = { ...original, id: `${original.id}@replay:run1` };
    expect(notificationFactOf({ type: SUBJECTS.appointmentRecorded, envelope: replayed }).eventId).toBe(original.id);
  });
});
