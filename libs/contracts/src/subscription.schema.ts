import { z } from 'zod';
import {
  appointmentRecordedPayloadSchema,
  documentIdSchema,
  regulationPublishedPayloadSchema,
  sha256HexSchema,
} from './event-payload.schema';

/**
 * Subscriptions and their notifications: the filter a subscriber sets, the message each channel
 * carries (webhook body, `notify.<subscription-id>`, server-sent event, Atom entry) and the
 * request/reply contracts of the notification service that owns them.
 */

export const NOTIFICATION_KINDS = ['appointment', 'regulation'] as const;
export const notificationKindSchema = z.enum(NOTIFICATION_KINDS);
export type NotificationKind = z.infer<typeof notificationKindSchema>;

/** One term of a filter list: trimmed, non-empty, short enough to be a name or a keyword. */
const filterTerm = z
  .string()
  .trim()
  .min(1, 'a filter term must not be empty')
  .max(100, 'a filter term is at most 100 characters');

function termList(what: string) {
  return z
    .array(filterTerm)
    .min(1, `${what}: an empty list would match nothing; leave the field out instead`)
    .max(50, `${what}: at most 50 terms`);
}

/**
 * What a subscription matches. Every field given must match (AND); within one list, any term
 * (OR). Text is compared after NFKC folding with whitespace removed, so full-width and spaced-out
 * renderings of the same name match. A filter with no field matches every fact.
 */
export const subscriptionFilterSchema = z
  .object({
    /** Fact kinds; both when absent. */
    kinds: z.array(notificationKindSchema).min(1, 'kinds: name at least one kind').max(2).optional(),
    /** The gazette's region, whole ("吕梁市"). */
    regions: termList('regions').optional(),
    /** Part of the publishing body's name ("吕梁市人民政府"). */
    publishers: termList('publishers').optional(),
    /** Part of an issuing body's name. */
    issuers: termList('issuers').optional(),
    /** The 文种, whole ("通知", "办法"). */
    doc_types: termList('doc_types').optional(),
    /** A person's name, whole: appointments only. */
    people: termList('people').optional(),
    /** Part of the organisation or the post ("财政局", "局长"): appointments only. */
    organisations: termList('organisations').optional(),
    /** Part of the document's title or body. */
    keywords: termList('keywords').optional(),
  })
  .strict()
  .superRefine((filter, context) => {
    if (!filter.kinds || filter.kinds.includes('appointment')) return;
    for (const field of ['people', 'organisations'] as const) {
      if (filter[field]) {
        context.addIssue({
          code: 'custom',
          path: [field],
          message: `${field} only match appointments, but kinds excludes appointment`,
        });
      }
    }
  });
export type SubscriptionFilter = z.infer<typeof subscriptionFilterSchema>;

/** A webhook URL as given: http or https, with a host, no credentials. Address checks happen later. */
export const webhookUrlSchema = z
  .url({ protocol: /^https?$/, error: 'expected an http or https URL' })
  .max(2000)
  .refine((value) => {
    // Refinements run even when the URL check failed; an unparsable value is reported by that check.
    if (!URL.canParse(value)) return true;
    const url = new URL(value);
    return url.username === '' && url.password === '';
  }, 'a webhook URL must not carry credentials');

const timestamp = z.iso.datetime({ offset: true });
const uuid = z.uuid();

/** Who asks: an operator (sees everything) or one subscriber (sees their own). */
export const principalSchema = z.discriminatedUnion('role', [
  z.object({ role: z.literal('admin') }),
  z.object({ role: z.literal('subscriber'), subscriber_id: uuid }),
]);
export type Principal = z.infer<typeof principalSchema>;

export const webhookStateSchema = z.object({
  url: z.string(),
  /** `disabled` after a 410, or after failing without a success for too long. */
  status: z.enum(['active', 'disabled']),
  disabled_reason: z.string().nullable(),
  disabled_at: timestamp.nullable(),
  /** The first failure of the current run of failures; null after a success. */
  failing_since: timestamp.nullable(),
});

export const subscriptionSchema = z.object({
  id: uuid,
  subscriber_id: uuid,
  name: z.string(),
  filter: subscriptionFilterSchema,
  webhook: webhookStateSchema.nullable(),
  /** Core NATS subject (without the namespace prefix) that carries every notification live. */
  nats_subject: z.string(),
  backfill_since: z.iso.date().nullable(),
  created_at: timestamp,
  updated_at: timestamp,
});
export type Subscription = z.infer<typeof subscriptionSchema>;

export const subscriberSchema = z.object({ id: uuid, name: z.string(), created_at: timestamp });
export type Subscriber = z.infer<typeof subscriberSchema>;

/** The body of every channel: Standard Webhooks' `{type, timestamp, data}`. */
export const notificationActionSchema = z.enum(['created', 'updated']);
const notificationDataCommon = {
  notification_id: uuid,
  subscription_id: uuid,
  /** The fact's id (`<event type>:<natural key>`): the same on every revision and every replay. */
  fact_id: z.string(),
  /** 1 when first announced; each change found by a later run adds one. */
  revision: z.int().min(1),
  action: notificationActionSchema,
  gazette_id: sha256HexSchema,
  document_id: documentIdSchema,
  region: z.string().nullable(),
  correlation_id: z.string(),
};
export const notificationMessageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.enum(['appointment.created', 'appointment.updated']),
    timestamp,
    data: z.object({
      ...notificationDataCommon,
      kind: z.literal('appointment'),
      fact: appointmentRecordedPayloadSchema,
    }),
  }),
  z.object({
    type: z.enum(['regulation.created', 'regulation.updated']),
    timestamp,
    data: z.object({
      ...notificationDataCommon,
      kind: z.literal('regulation'),
      fact: regulationPublishedPayloadSchema,
    }),
  }),
]);
export type NotificationMessage = z.infer<typeof notificationMessageSchema>;

export const DELIVERY_STATUSES = ['pending', 'delivering', 'succeeded', 'failed', 'none'] as const;
export const deliveryAttemptSchema = z.object({
  attempt: z.int().min(1),
  started_at: timestamp,
  status_code: z.int().nullable(),
  latency_ms: z.int().min(0),
  /** Why it failed (a network error, a refused address, a non-2xx answer); null on success. */
  error: z.string().nullable(),
});
/**
 * One notification and its webhook delivery (`none` when the subscription has no webhook). The id
 * is the `webhook-id` header, stable across attempts and redeliveries.
 */
export const deliverySchema = z.object({
  id: uuid,
  subscription_id: uuid,
  fact_id: z.string(),
  kind: notificationKindSchema,
  revision: z.int().min(1),
  action: notificationActionSchema,
  status: z.enum(DELIVERY_STATUSES),
  attempts: z.int().min(0),
  next_attempt_at: timestamp.nullable(),
  last_status_code: z.int().nullable(),
  last_error: z.string().nullable(),
  created_at: timestamp,
  delivered_at: timestamp.nullable(),
  attempt_log: z.array(deliveryAttemptSchema).optional(),
});
export type Delivery = z.infer<typeof deliverySchema>;

/** A refusal the gateway passes on as the HTTP status it names. */
export const commandErrorSchema = z.object({
  status: z.union([z.literal(400), z.literal(401), z.literal(403), z.literal(404), z.literal(409)]),
  message: z.string(),
});
export type CommandError = z.infer<typeof commandErrorSchema>;

/** Replies of commands that can be refused: the result, or why not. */
function outcome<T extends z.ZodType>(result: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), result }),
    z.object({ ok: z.literal(false), error: commandErrorSchema }),
  ]);
}

const page = {
  limit: z.number().int().min(1).max(500).default(50),
  offset: z.number().int().min(0).default(0),
};
const asPrincipal = { principal: principalSchema };

export const subscriptionCreateRequestSchema = z.object({
  ...asPrincipal,
  /** An admin creates on behalf of a subscriber; a subscriber for themselves. */
  subscriber_id: uuid.optional(),
  name: z.string().trim().min(1).max(200),
  filter: subscriptionFilterSchema.default({}),
  webhook: z.object({ url: webhookUrlSchema }).strict().optional(),
  /** Notify the facts already known that match, received since this date. */
  backfill_since: z.iso.date().optional(),
});
/** The secret is shown once, at creation and at rotation. */
export const subscriptionWithSecretSchema = z.object({
  subscription: subscriptionSchema,
  secret: z
    .string()
    .regex(/^whsec_[A-Za-z0-9+/=]+$/)
    .nullable(),
  backfilled: z.int().min(0),
});

export const subscriptionRefRequestSchema = z.object({ ...asPrincipal, subscription_id: uuid });
export const subscriptionListRequestSchema = z.object({ ...asPrincipal, ...page });
export const subscriptionListReplySchema = z.object({ total: z.int(), items: z.array(subscriptionSchema) });
export const subscriptionUpdateRequestSchema = z.object({
  ...asPrincipal,
  subscription_id: uuid,
  name: z.string().trim().min(1).max(200).optional(),
  filter: subscriptionFilterSchema.optional(),
  /** null removes the webhook; a URL sets or changes it (and re-enables it). */
  webhook: z.object({ url: webhookUrlSchema }).strict().nullable().optional(),
  /** true re-enables a disabled webhook. */
  enable_webhook: z.literal(true).optional(),
});
export const secretRotationSchema = z.object({
  secret: z.string(),
  /** Until then the previous secret signs too, so receivers can switch over. */
  previous_valid_until: timestamp.nullable(),
});

export const subscriberCreateRequestSchema = z.object({ ...asPrincipal, name: z.string().trim().min(1).max(200) });
export const subscriberWithKeySchema = z.object({ subscriber: subscriberSchema, api_key: z.string() });
export const subscriberListRequestSchema = z.object({ ...asPrincipal, ...page });
export const subscriberListReplySchema = z.object({ total: z.int(), items: z.array(subscriberSchema) });
export const subscriberAuthenticateRequestSchema = z.object({ api_key: z.string().min(1).max(200) });
export const subscriberAuthenticateReplySchema = z.object({ subscriber_id: uuid.nullable() });

export const deliveryListRequestSchema = z.object({
  ...asPrincipal,
  subscription_id: uuid,
  status: z.enum(DELIVERY_STATUSES).optional(),
  ...page,
});
export const deliveryListReplySchema = z.object({ total: z.int(), items: z.array(deliverySchema) });
export const deliveryRefRequestSchema = z.object({ ...asPrincipal, delivery_id: uuid });

/** An entry of an Atom feed: one fact at its latest revision. */
export const feedEntrySchema = z.object({
  fact_id: z.string(),
  kind: notificationKindSchema,
  revision: z.int().min(1),
  title: z.string(),
  summary: z.string(),
  document_id: documentIdSchema,
  gazette_id: sha256HexSchema,
  region: z.string().nullable(),
  published_at: timestamp,
  updated_at: timestamp,
  fact: z.record(z.string(), z.unknown()),
});
export type FeedEntry = z.infer<typeof feedEntrySchema>;
export const feedRequestSchema = z.union([
  z.object({ ...asPrincipal, subscription_id: uuid, limit: z.number().int().min(1).max(500).default(100) }),
  z.object({
    kind: notificationKindSchema,
    region: filterTerm,
    limit: z.number().int().min(1).max(500).default(100),
  }),
]);
export const feedReplySchema = z.object({
  title: z.string(),
  /** Latest entry's update, or when the feed was asked for when it is empty. */
  updated_at: timestamp,
  entries: z.array(feedEntrySchema),
});

/**
 * The notifications of a subscription from around a given one on, for an event stream that resumes
 * after a reconnection (`Last-Event-ID`). At least once: the answer may repeat notifications the
 * client had (ids tell them apart), but misses none recorded since.
 */
export const notificationsSinceRequestSchema = z.object({
  ...asPrincipal,
  subscription_id: uuid,
  /** The last notification the client saw. */
  after: uuid,
  limit: z.number().int().min(1).max(500).default(500),
});
export const notificationsSinceReplySchema = z.object({
  /** False when `after` is not a notification of this subscription: nothing to resume from. */
  known: z.boolean(),
  messages: z.array(notificationMessageSchema),
  /** True when more than `limit` were found: the client is too far behind to catch up on a stream. */
  truncated: z.boolean(),
});

/** The notification service's commands and queries for subscriptions, by RPC name. */
export const SUBSCRIPTION_CONTRACTS = {
  'subscriber.create': {
    service: 'notification',
    request: subscriberCreateRequestSchema,
    reply: outcome(subscriberWithKeySchema),
  },
  'subscriber.list': {
    service: 'notification',
    request: subscriberListRequestSchema,
    reply: outcome(subscriberListReplySchema),
  },
  'subscriber.authenticate': {
    service: 'notification',
    request: subscriberAuthenticateRequestSchema,
    reply: subscriberAuthenticateReplySchema,
  },
  'subscription.create': {
    service: 'notification',
    request: subscriptionCreateRequestSchema,
    reply: outcome(subscriptionWithSecretSchema),
  },
  'subscription.list': {
    service: 'notification',
    request: subscriptionListRequestSchema,
    reply: outcome(subscriptionListReplySchema),
  },
  'subscription.get': {
    service: 'notification',
    request: subscriptionRefRequestSchema,
    reply: outcome(subscriptionSchema),
  },
  'subscription.update': {
    service: 'notification',
    request: subscriptionUpdateRequestSchema,
    reply: outcome(subscriptionSchema),
  },
  'subscription.delete': {
    service: 'notification',
    request: subscriptionRefRequestSchema,
    reply: outcome(z.object({ deleted: z.literal(true) })),
  },
  'subscription.rotate-secret': {
    service: 'notification',
    request: subscriptionRefRequestSchema,
    reply: outcome(secretRotationSchema),
  },
  'delivery.list': {
    service: 'notification',
    request: deliveryListRequestSchema,
    reply: outcome(deliveryListReplySchema),
  },
  'delivery.get': { service: 'notification', request: deliveryRefRequestSchema, reply: outcome(deliverySchema) },
  'delivery.redeliver': {
    service: 'notification',
    request: deliveryRefRequestSchema,
    reply: outcome(deliverySchema),
  },
  'feed.entries': { service: 'notification', request: feedRequestSchema, reply: outcome(feedReplySchema) },
  'subscription.notifications-since': {
    service: 'notification',
    request: notificationsSinceRequestSchema,
    reply: outcome(notificationsSinceReplySchema),
  },
} as const;

/** `notify.<subscription-id>`: every notification of one subscription, on core NATS. */
export function notifySubject(subscriptionId: string): string {
  if (!uuid.safeParse(subscriptionId).success) throw new RangeError(`"${subscriptionId}" is not a subscription id`);
  return `notify.${subscriptionId}`;
}
