import { NOTIFICATION_KINDS, subscriptionFilterSchema, type SubscriptionFilter } from '@gazette-watch/contracts';
import { UsageError } from './command-line.parser';

/**
 * The filter flags `gazette watch` and `gazette subscribe` share, and their one mapping to a
 * `SubscriptionFilter`, checked here before any request so a mistake is a usage error.
 */

type FilterField = keyof SubscriptionFilter;

export const FILTER_FLAGS = {
  '--kind': 'kinds',
  '--region': 'regions',
  '--publisher': 'publishers',
  '--issuer': 'issuers',
  '--doc-type': 'doc_types',
  '--person': 'people',
  '--organisation': 'organisations',
  '--keyword': 'keywords',
} as const satisfies Record<string, FilterField>;

export const FILTER_FLAG_NAMES = Object.keys(FILTER_FLAGS) as (keyof typeof FILTER_FLAGS)[];

const FLAG_OF_FIELD = new Map<string, string>(Object.entries(FILTER_FLAGS).map(([flag, field]) => [field, flag]));

/** The filter flags in a usage line, on lines of their own. */
export const FILTER_SYNOPSIS =
  '    [--kind appointment|regulation]... [--region R]... [--publisher P]... [--issuer I]...\n' +
  '    [--doc-type T]... [--person NAME]... [--organisation O]... [--keyword K]...';

export const FILTER_HELP = `filter (every flag given must match; repeat a flag, or separate terms with commas, to match any term):
  --kind K          appointment or regulation (both when absent)
  --region R        the gazette's region, whole (吕梁市)
  --publisher P     part of the publishing body's name (吕梁市人民政府)
  --issuer I        part of an issuing body's name
  --doc-type T      the document's 文种, whole (通知, 办法)
  --person NAME     a person's name, whole (appointments only)
  --organisation O  part of the organisation or the post (财政局, 局长; appointments only)
  --keyword K       part of the document's title or body`;

/**
 * The filter the flags describe. Each value may hold several comma-separated terms: the same
 * reading the event stream gives its query, so `--region a,b` means the same on both commands.
 */
export function filterFromFlags(repeated: ReadonlyMap<string, readonly string[]>): SubscriptionFilter {
  const draft: Partial<Record<FilterField, string[]>> = {};
  for (const [flag, field] of Object.entries(FILTER_FLAGS)) {
    const given = repeated.get(flag);
    if (!given) continue;
    const terms = [...new Set(given.flatMap((value) => value.split(',').map((term) => term.trim())))];
    if (field === 'kinds') {
      const unknown = terms.find((term) => !(NOTIFICATION_KINDS as readonly string[]).includes(term));
      if (unknown !== undefined) {
        throw new UsageError(`--kind takes ${NOTIFICATION_KINDS.join(' or ')}, not "${unknown}"`);
      }
    }
    draft[field] = terms;
  }
  const result = subscriptionFilterSchema.safeParse(draft);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const field = String(issue.path[0] ?? '');
      return `${FLAG_OF_FIELD.get(field) ?? field}: ${issue.message}`;
    });
    throw new UsageError(`invalid filter: ${[...new Set(problems)].join('; ')}`);
  }
  return result.data;
}

/** The event stream's query: each list as one comma-separated parameter named like the field. */
export function filterQuery(filter: SubscriptionFilter): URLSearchParams {
  const query = new URLSearchParams();
  for (const field of Object.values(FILTER_FLAGS)) {
    const terms = filter[field];
    if (terms?.length) query.set(field, terms.join(','));
  }
  return query;
}

/** One line for people: `kinds appointment; regions 吕梁市 | 汾阳市`, or that it matches everything. */
export function describeFilter(filter: SubscriptionFilter): string {
  const parts = Object.values(FILTER_FLAGS).flatMap((field) => {
    const terms = filter[field];
    return terms?.length ? [`${field} ${terms.join(' | ')}`] : [];
  });
  return parts.length ? parts.join('; ') : 'everything (no filter)';
}
