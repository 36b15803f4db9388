import { subscriptionSchema, subscriptionWithSecretSchema, type SubscriptionFilter } from '@gazette-watch/contracts';
import type { z } from 'zod';
import { describeFetchFailure, parseApiError } from './api-error.parser';

/** The API gateway's subscription endpoints, with a subscriber's (or an operator's) API key. */

export interface SubscriptionCreateBody {
  name: string;
  filter: SubscriptionFilter;
  webhook?: { url: string };
  /** `YYYY-MM-DD`: notify the matching facts already known, received since then. */
  backfill_since?: string;
}

/**
 * The reply, checked only for what the command shows: a stricter check of fields it never reads
 * could reject a subscription that was created, and its secret is shown only this once.
 */
export const createdSubscriptionSchema = subscriptionWithSecretSchema.extend({
  subscription: subscriptionSchema.pick({ id: true, name: true, filter: true, nats_subject: true }).extend({
    webhook: subscriptionSchema.shape.webhook.unwrap().pick({ url: true }).nullable(),
  }),
});
export type CreatedSubscription = z.infer<typeof createdSubscriptionSchema>;

/** The API refused the request (status set) or could not be asked (status null). */
export class SubscriptionRequestError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly issues: string[] = [],
  ) {
    super(message);
  }
}

/** The subscription was created but the answer is not what was expected; `body` holds it as it came. */
export class UnexpectedReplyError extends Error {
  constructor(
    message: string,
    readonly body: string,
  ) {
    super(message);
  }
}

export class SubscriptionApiRepository {
  constructor(
    private readonly apiUrl: string,
    private readonly apiKey: string,
    private readonly timeoutMs = 30_000,
  ) {}

  async create(body: SubscriptionCreateBody): Promise<CreatedSubscription> {
    let response: Response;
    try {
      response = await fetch(`${this.apiUrl}/subscriptions`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${this.apiKey}`,
          'content-type': 'application/json',
          accept: 'application/json',
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new SubscriptionRequestError(
        `cannot reach the API at ${this.apiUrl}: ${describeFetchFailure(error)}`,
        null,
      );
    }
    const text = await response.text();
    if (!response.ok) {
      const refusal = parseApiError(response.status, text);
      throw new SubscriptionRequestError(refusal.message, response.status, refusal.issues);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new UnexpectedReplyError('the answer is not JSON', text);
    }
    const reply = createdSubscriptionSchema.safeParse(json);
    if (!reply.success) {
      const issues = reply.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
      throw new UnexpectedReplyError(issues.join('; '), text);
    }
    return reply.data;
  }
}
