import type { RpcReply, RpcRequest } from '@gazette-watch/contracts';
import { appointmentItem } from '../appointment-record.mapper';
import { AppointmentRepository } from '../appointment.repository';

/** `appointments.search`: stored records by person, organisation, region, action and date. */
export class SearchAppointments {
  constructor(private readonly appointments: AppointmentRepository) {}

  async execute(request: RpcRequest<'appointments.search'>): Promise<RpcReply<'appointments.search'>> {
    const page = await this.appointments.search(request);
    return { total: page.total, items: page.rows.map(appointmentItem) };
  }
}
