import { DeadLetterEntity } from '@gazette-watch/persistence';
import { AppointmentEntity } from './appointment.entity';
import { PersonEntity } from './person.entity';
import { PostEntity } from './post.entity';
import { TenureEntity } from './tenure.entity';

export { AppointmentEntity, PersonEntity, PostEntity, TenureEntity };

export const APPOINTMENTS_ENTITIES = [AppointmentEntity, PersonEntity, PostEntity, TenureEntity, DeadLetterEntity];
