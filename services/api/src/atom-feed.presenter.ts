import type { feedReplySchema } from '@gazette-watch/contracts';
import { factEntryId, feedId, renderAtomFeed } from '@gazette-watch/subscriptions';
import type { z } from 'zod';

export type FeedReply = z.infer<typeof feedReplySchema>;

export const ATOM_CONTENT_TYPE = 'application/atom+xml; charset=utf-8';

/** Where a feed lives and what it is of. */
export interface FeedLocation {
  /** PUBLIC_BASE_URL without a trailing slash. */
  baseUrl: string;
  /** The feed's own path, already URL-encoded, without any `api_key`: the self link is shareable. */
  path: string;
  /** What the feed covers (`subscription:<id>`, `appointment:吕梁市`): its id must not depend on the host. */
  scope: string;
}

/**
 * The Atom document of a `feed.entries` reply. An entry's id comes from the fact's id, so a
 * revised fact updates its entry in a reader instead of adding one; its link is the document the
 * fact was read from; its content the fact itself as JSON.
 */
export function atomFeedOf(reply: FeedReply, location: FeedLocation): string {
  return renderAtomFeed({
    id: feedId(location.scope),
    title: reply.title,
    updated: reply.updated_at,
    selfLink: `${location.baseUrl}${location.path}`,
    author: { name: 'Gazette Watch', uri: location.baseUrl },
    entries: reply.entries.map((entry) => ({
      id: factEntryId(entry.fact_id),
      title: entry.title,
      updated: entry.updated_at,
      published: entry.published_at,
      summary: entry.summary,
      link: `${location.baseUrl}/documents/${entry.document_id}`,
      content: { type: 'application/json', value: JSON.stringify(entry.fact) },
      categories: entry.region ? [entry.kind, entry.region] : [entry.kind],
    })),
  });
}
