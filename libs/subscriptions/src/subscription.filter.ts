import type { SubscriptionFilter } from '@gazette-watch/contracts';
import type { FactView } from './fact.view';

export type FactPredicate = (fact: FactView) => boolean;

/** Whitespace of any kind, control characters and format characters (zero-width spaces, BOM, bidi marks). */
const IGNORED = /[\s\p{Cc}\p{Cf}]/gu;

/**
 * Text as filters compare it: NFKC folds full-width letters and digits and compatibility forms,
 * then spacing and invisible characters go ("张 三" is "张三") and case is ignored.
 */
export function normaliseFilterText(text: string): string {
  return text.normalize('NFKC').replace(IGNORED, '').toLowerCase();
}

/** A fact's text fields, normalised once however many subscriptions look at it. */
interface NormalisedFact {
  region: string | null;
  publisher: string | null;
  issuers: string[];
  docType: string | null;
  title: string;
  body: string;
  people: string[];
  organisations: string[];
}

/**
 * Views are treated as immutable: the normalised form is cached per view object, so matching one
 * fact against every subscription normalises its body once, not once per subscription.
 */
const normalisedFacts = new WeakMap<FactView, NormalisedFact>();

function normalised(fact: FactView): NormalisedFact {
  let cached = normalisedFacts.get(fact);
  if (!cached) {
    const nullable = (text: string | null) => (text === null ? null : normaliseFilterText(text));
    cached = {
      region: nullable(fact.region),
      publisher: nullable(fact.publisher),
      issuers: fact.issuers.map(normaliseFilterText),
      docType: nullable(fact.docType),
      title: normaliseFilterText(fact.title),
      body: normaliseFilterText(fact.body),
      people: fact.people.map(normaliseFilterText),
      organisations: fact.organisations.map(normaliseFilterText),
    };
    normalisedFacts.set(fact, cached);
  }
  return cached;
}

/**
 * A term that folds to nothing (only spaces or invisible characters) would be contained in every
 * text, so it is dropped; a list left with no term matches nothing, as an empty list would.
 */
function terms(list: readonly string[]): string[] {
  return [...new Set(list.map(normaliseFilterText))].filter((term) => term !== '');
}

const equalsAny = (value: string | null, wanted: string[]) => value !== null && value !== '' && wanted.includes(value);
const containsAny = (value: string | null, wanted: string[]) =>
  value !== null && value !== '' && wanted.some((term) => value.includes(term));

/**
 * The filter as one predicate, its terms normalised once. Every field given must match (AND);
 * within a list any term may (OR); a fact without the field never matches it; `{}` matches all.
 */
export function compileFilter(filter: SubscriptionFilter): FactPredicate {
  const kinds = filter.kinds ? new Set(filter.kinds) : null;
  const checks: ((fact: NormalisedFact) => boolean)[] = [];
  if (filter.regions) {
    const wanted = terms(filter.regions);
    checks.push((fact) => equalsAny(fact.region, wanted));
  }
  if (filter.publishers) {
    const wanted = terms(filter.publishers);
    checks.push((fact) => containsAny(fact.publisher, wanted));
  }
  if (filter.issuers) {
    const wanted = terms(filter.issuers);
    checks.push((fact) => fact.issuers.some((issuer) => containsAny(issuer, wanted)));
  }
  if (filter.doc_types) {
    const wanted = terms(filter.doc_types);
    checks.push((fact) => equalsAny(fact.docType, wanted));
  }
  if (filter.people) {
    const wanted = terms(filter.people);
    checks.push((fact) => fact.people.some((person) => equalsAny(person, wanted)));
  }
  if (filter.organisations) {
    const wanted = terms(filter.organisations);
    checks.push((fact) => fact.organisations.some((organisation) => containsAny(organisation, wanted)));
  }
  if (filter.keywords) {
    const wanted = terms(filter.keywords);
    // Title and body apart: a term must not match across the seam between them.
    checks.push((fact) => containsAny(fact.title, wanted) || containsAny(fact.body, wanted));
  }
  return (view) => {
    // The kind is free to test; the text is normalised only for facts of a wanted kind.
    if (kinds && !kinds.has(view.kind)) return false;
    if (checks.length === 0) return true;
    const fact = normalised(view);
    return checks.every((check) => check(fact));
  };
}

export function matchesFilter(filter: SubscriptionFilter, fact: FactView): boolean {
  return compileFilter(filter)(fact);
}
