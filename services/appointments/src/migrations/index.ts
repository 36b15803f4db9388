import { CreateDeadLetterTable1763900000000 } from '@gazette-watch/persistence';
import { CreateAppointmentTables1764000000000 } from './create-appointment-tables.migration';
import { CreateReplayTables1764300000000 } from './create-replay-tables.migration';

/** In order; the dead-letter table of `@gazette-watch/persistence` first, like every service. */
export const APPOINTMENTS_MIGRATIONS = [
  CreateDeadLetterTable1763900000000,
  CreateAppointmentTables1764000000000,
  CreateReplayTables1764300000000,
];
