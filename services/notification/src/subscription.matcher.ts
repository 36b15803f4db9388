import { compileFilter, type FactPredicate, type FactView } from '@gazette-watch/subscriptions';
import type { SubscriptionFilterRow } from './subscription.repository';

/**
 * Which subscriptions a fact matches. Filters are compiled once per version of a subscription
 * (its `updated_at`), since every fact is checked against every subscription.
 */
export class SubscriptionMatcher {
  private readonly compiled = new Map<string, { version: number; predicate: FactPredicate }>();

  matching(subscriptions: readonly SubscriptionFilterRow[], fact: FactView): SubscriptionFilterRow[] {
    const seen = new Set<string>();
    const matched = subscriptions.filter((subscription) => {
      seen.add(subscription.id);
      return this.predicateOf(subscription)(fact);
    });
    // Deleted subscriptions leave the cache with the next fact.
    if (this.compiled.size > seen.size) {
      for (const id of this.compiled.keys()) if (!seen.has(id)) this.compiled.delete(id);
    }
    return matched;
  }

  private predicateOf(subscription: SubscriptionFilterRow): FactPredicate {
    const version = new Date(subscription.updated_at).getTime();
    const cached = this.compiled.get(subscription.id);
    if (cached && cached.version === version) return cached.predicate;
    const predicate = compileFilter(subscription.filter);
    this.compiled.set(subscription.id, { version, predicate });
    return predicate;
  }
}
