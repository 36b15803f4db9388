import type { SubscriptionFilter } from '@gazette-watch/contracts';
import type { CommandIo } from './parse.command';
import {
  type CreatedSubscription,
  SubscriptionApiRepository,
  SubscriptionRequestError,
  UnexpectedReplyError,
} from './subscription-api.repository';
import { describeFilter } from './watch-filter.options';

/**
 * `gazette subscribe`: registers a webhook subscription with the API gateway and shows what a
 * subscriber needs to keep: its id, its NATS subject and, once, the webhook signing secret.
 */

export interface SubscribeOptions {
  apiUrl: string;
  apiKey: string;
  name: string;
  webhookUrl: string;
  filter: SubscriptionFilter;
  /** `YYYY-MM-DD`, already checked. */
  since: string | null;
}

const LABEL_WIDTH = 'NATS subject'.length;
const row = (label: string, value: string): string => `${label.padEnd(LABEL_WIDTH)}  ${value}`;

export function formatCreatedSubscription(created: CreatedSubscription, since: string | null): string[] {
  const { subscription, secret, backfilled } = created;
  const lines = [
    row('subscription', `${subscription.id}  ${subscription.name}`),
    row('NATS subject', subscription.nats_subject),
    row('filter', describeFilter(subscription.filter)),
    row('webhook', subscription.webhook?.url ?? '(none)'),
  ];
  if (since) {
    lines.push(row('backfill', `${backfilled} known fact${backfilled === 1 ? '' : 's'} since ${since} queued`));
  }
  if (secret) {
    lines.push(row('secret', secret));
    lines.push(row('', 'keep it safe now: it signs every webhook delivery (Standard Webhooks) and is not shown again'));
  }
  return lines;
}

/** Resolves to the exit code: 0 created, 1 refused or not reachable. */
export async function runSubscribe(options: SubscribeOptions, io: CommandIo): Promise<number> {
  const api = new SubscriptionApiRepository(options.apiUrl, options.apiKey);
  try {
    const created = await api.create({
      name: options.name,
      filter: options.filter,
      webhook: { url: options.webhookUrl },
      ...(options.since ? { backfill_since: options.since } : {}),
    });
    for (const line of formatCreatedSubscription(created, options.since)) io.out(line);
    return 0;
  } catch (error) {
    if (error instanceof SubscriptionRequestError) {
      io.err(
        error.status === null
          ? `gazette: ${error.message}`
          : `gazette: the API refused the subscription (HTTP ${error.status}): ${error.message}`,
      );
      for (const issue of error.issues) io.err(`  ${issue}`);
      return 1;
    }
    if (error instanceof UnexpectedReplyError) {
      // The subscription may well exist: its answer, secret included, must not be lost.
      io.err(`gazette: the API's answer was not understood (${error.message}); it follows as received`);
      io.out(error.body);
      return 1;
    }
    throw error;
  }
}
