export { factViewOf, type FactPayload, type FactView } from './fact.view';
export { compileFilter, matchesFilter, normaliseFilterText, type FactPredicate } from './subscription.filter';
export {
  generateWebhookSecret,
  isWebhookSecret,
  signWebhook,
  webhookHeaders,
  type WebhookSigningInput,
} from './webhook.signer';
export {
  DEFAULT_RETRY_SCHEDULE,
  formatDuration,
  nextRetryDelay,
  parseRetryAfter,
  parseRetrySchedule,
  type RetryDecisionInput,
} from './retry.schedule';
export {
  checkWebhookAddress,
  classifyAddress,
  parseAddressAllowlist,
  type AddressAllowlist,
  type AddressClass,
  type AddressVerdict,
} from './webhook-address.guard';
export { factEntryId, feedId, renderAtomFeed, type AtomEntry, type AtomFeed } from './atom.feed';
export { factDigest } from './fact.digest';
export { factSummary, factTitle } from './fact.summary';
