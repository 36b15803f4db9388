export { extractAppointments } from './appointment-extractor';
export type { AppointmentContext } from './appointment-extractor';
export type { AppointmentAction, AppointmentMethod, AppointmentRecord } from '../model/gazette.model';
