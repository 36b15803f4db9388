import { normaliseName, parsePost, postHolders } from '@gazette-watch/appointment-rules';
import type { RpcReply, RpcRequest } from '@gazette-watch/contracts';
import { PermanentError } from '@gazette-watch/messaging';
import { TenureRepository } from '../tenure.repository';
import { tenureView } from '../tenure-row.mapper';

/**
 * `post.holders`: the current and past holders of a post, named by its key or as printed
 * ("市政府副秘书长" with the region "吕梁市"), which resolves to the same key the records got.
 */
export class PostHolders {
  constructor(private readonly tenures: TenureRepository) {}

  async execute(request: RpcRequest<'post.holders'>): Promise<RpcReply<'post.holders'>> {
    const key = postKeyOf(request);
    const view = postHolders({ tenures: await this.tenures.ofPost(key) }, key);
    return { post_key: key, current: view.current.map(tenureView), past: view.past.map(tenureView) };
  }
}

export function postKeyOf(request: RpcRequest<'post.holders'>): string {
  if (request.post_key !== undefined) return normaliseName(request.post_key);
  if (request.position !== undefined) return parsePost(request.position, { region: request.region ?? null }).key;
  throw new PermanentError('post.holders needs a post_key or a position');
}
