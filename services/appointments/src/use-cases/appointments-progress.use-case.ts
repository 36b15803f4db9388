import type { RpcReply, RpcRequest } from '@gazette-watch/contracts';
import { AppointmentRepository } from '../appointment.repository';
import { APPOINTMENTS_SERVICE } from '../appointments.config';

/** `appointments.progress`: the records of a gazette stored so far. */
export class AppointmentsProgress {
  constructor(private readonly appointments: AppointmentRepository) {}

  async execute(request: RpcRequest<'appointments.progress'>): Promise<RpcReply<'appointments.progress'>> {
    const count = await this.appointments.countOfGazette(request.gazette_id);
    return {
      gazette_id: request.gazette_id,
      stage: APPOINTMENTS_SERVICE,
      done: count.done,
      // How many records a gazette has is known only to the parse, which this service never sees whole.
      expected: null,
      updated_at: count.updatedAt?.toISOString() ?? null,
    };
  }
}
