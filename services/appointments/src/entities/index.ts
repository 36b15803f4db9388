import { DeadLetterEntity } from '@gazette-watch/persistence';
import { AppointmentEntity } from './appointment.entity';
import { PersonEntity } from './person.entity';
import { PostEntity } from './post.entity';
import { ReplayAppointmentChangeEntity } from './replay-appointment-change.entity';
import { ReplayDocumentSeenEntity } from './replay-document-seen.entity';
import { TenureEntity } from './tenure.entity';

export {
  AppointmentEntity,
  PersonEntity,
  PostEntity,
  ReplayAppointmentChangeEntity,
  ReplayDocumentSeenEntity,
  TenureEntity,
};

export const APPOINTMENTS_ENTITIES = [
  AppointmentEntity,
  PersonEntity,
  PostEntity,
  TenureEntity,
  ReplayAppointmentChangeEntity,
  ReplayDocumentSeenEntity,
  DeadLetterEntity,
];
