import type { RpcReply, RpcRequest } from '@gazette-watch/contracts';
import { ReplayAppointmentsRepository } from '../replay-appointments.repository';

/**
 * `replay.appointments-report`: per gazette of a replay run, how many of its documents the run
 * brought here, and the appointments it added, removed and changed.
 */
export class ReportReplayAppointments {
  constructor(private readonly replays: ReplayAppointmentsRepository) {}

  execute(request: RpcRequest<'replay.appointments-report'>): Promise<RpcReply<'replay.appointments-report'>> {
    return this.replays.reports(request.run_id, request.gazette_ids);
  }
}
