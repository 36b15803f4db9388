import { normaliseName, type Tenure } from '@gazette-watch/appointment-rules';
import type { RpcReply, RpcRequest } from '@gazette-watch/contracts';
import { TenureRepository } from '../tenure.repository';
import { tenureView } from '../tenure-row.mapper';

/**
 * A person's career order: by start, tenures whose start is unknown first (they were under way
 * before the first notice on record), then by end (open last), then by post.
 */
export function compareCareer(a: Tenure, b: Tenure): number {
  if (a.start !== b.start) {
    if (a.start === null) return -1;
    if (b.start === null) return 1;
    return a.start < b.start ? -1 : 1;
  }
  if (a.end !== b.end) {
    if (a.end === null) return 1;
    if (b.end === null) return -1;
    return a.end < b.end ? -1 : 1;
  }
  return a.post.key < b.post.key ? -1 : a.post.key > b.post.key ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** `person.timeline`: the tenures of one name (as printed or normalised). */
export class PersonTimeline {
  constructor(private readonly tenures: TenureRepository) {}

  async execute(request: RpcRequest<'person.timeline'>): Promise<RpcReply<'person.timeline'>> {
    const person = normaliseName(request.person);
    const tenures = await this.tenures.ofPerson(person);
    return { person, tenures: [...tenures].sort(compareCareer).map(tenureView) };
  }
}
