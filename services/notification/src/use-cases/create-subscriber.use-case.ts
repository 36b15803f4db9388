import type { RpcReply, RpcRequest, RpcResult } from '@gazette-watch/contracts';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { SubscriptionRepository } from '../subscription.repository';
import { ok, refused, subscriberView, type Outcome } from '../subscription.view';

/** Keys are shown once and stored as digests: a stolen table does not hand out access. */
export function apiKeyDigest(apiKey: string): string {
  return createHash('sha256').update(apiKey, 'utf8').digest('hex');
}

/** `gwk_` and 32 random bytes, base64url. */
export function generateApiKey(): string {
  return `gwk_${randomBytes(32).toString('base64url')}`;
}

type Result = RpcResult<'subscriber.create'>;

/** An operator registers a subscriber and hands them their API key. */
export class CreateSubscriber {
  constructor(private readonly subscriptions: SubscriptionRepository) {}

  async execute(request: RpcRequest<'subscriber.create'>): Promise<Outcome<Result>> {
    if (request.principal.role !== 'admin') return refused(403, 'only an admin can create subscribers');
    const apiKey = generateApiKey();
    const row = await this.subscriptions.createSubscriber(randomUUID(), request.name, apiKeyDigest(apiKey));
    return ok({ subscriber: subscriberView(row), api_key: apiKey });
  }
}

/** Which subscriber an API key belongs to, if any. */
export class AuthenticateSubscriber {
  constructor(private readonly subscriptions: SubscriptionRepository) {}

  async execute(request: RpcRequest<'subscriber.authenticate'>): Promise<RpcReply<'subscriber.authenticate'>> {
    const row = await this.subscriptions.subscriberByKeyDigest(apiKeyDigest(request.api_key));
    return { subscriber_id: row?.id ?? null };
  }
}
