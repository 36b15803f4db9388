/**
 * Atom 1.0 (RFC 4287) feeds of facts, for readers that poll instead of receiving webhooks. Built
 * as text: the shape is small and fixed, and escaping here is the one thing that must be right.
 */

export interface AtomEntry {
  id: string;
  title: string;
  /** Any date `new Date()` reads; rendered as RFC 3339. */
  updated: string;
  published?: string;
  summary?: string;
  link?: string;
  content?: { type: 'text' | 'html' | 'application/json'; value: string };
  categories?: string[];
}

export interface AtomFeed {
  id: string;
  title: string;
  updated: string;
  selfLink: string;
  alternateLink?: string;
  author: { name: string; uri?: string };
  subtitle?: string;
  entries: readonly AtomEntry[];
}

const ATOM_NAMESPACE = 'http://www.w3.org/2005/Atom';
const TAG_AUTHORITY = 'tag:gazette-watch.org,2026:';

/** Characters XML 1.0 cannot carry at all, lone surrogates included: dropped, as no escape exists. */
const ILLEGAL_XML = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

const TEXT_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  // A raw CR would be read back as LF by every XML parser.
  '\r': '&#xD;',
};
const ATTRIBUTE_ESCAPES: Record<string, string> = {
  ...TEXT_ESCAPES,
  // Attribute value normalisation turns raw tabs and line breaks into spaces.
  '\t': '&#x9;',
  '\n': '&#xA;',
};

function escapeText(text: string): string {
  return text.replace(ILLEGAL_XML, '').replace(/[&<>"'\r]/g, (c) => TEXT_ESCAPES[c]);
}

function escapeAttribute(text: string): string {
  return text.replace(ILLEGAL_XML, '').replace(/[&<>"'\r\t\n]/g, (c) => ATTRIBUTE_ESCAPES[c]);
}

/** RFC 3339 in UTC with milliseconds, the form `Date.prototype.toISOString` gives. */
function rfc3339(value: string, what: string): string {
  const time = new Date(value);
  if (Number.isNaN(time.getTime())) throw new RangeError(`${what} "${value}" is not a date`);
  return time.toISOString();
}

function element(name: string, text: string, attributes: Record<string, string> = {}): string {
  return `<${name}${attributesOf(attributes)}>${escapeText(text)}</${name}>`;
}

function attributesOf(attributes: Record<string, string>): string {
  return Object.entries(attributes)
    .map(([key, value]) => ` ${key}="${escapeAttribute(value)}"`)
    .join('');
}

function link(rel: string, href: string, type?: string): string {
  return `<link${attributesOf({ rel, ...(type ? { type } : {}), href })}/>`;
}

/**
 * RFC 4287 §4.1.3.3: content of a media type that is neither text nor XML is Base64, and §4.1.1.1
 * then requires a summary; the entry's title stands in when none is given.
 */
function contentOf(entry: AtomEntry): string[] {
  if (!entry.content) return entry.summary === undefined ? [] : [element('summary', entry.summary)];
  const { type, value } = entry.content;
  if (type !== 'application/json') {
    return [
      ...(entry.summary === undefined ? [] : [element('summary', entry.summary)]),
      element('content', value, { type }),
    ];
  }
  return [
    element('summary', entry.summary ?? entry.title),
    element('content', Buffer.from(value.replace(ILLEGAL_XML, ''), 'utf8').toString('base64'), { type }),
  ];
}

function entryOf(entry: AtomEntry, index: number): string {
  const lines = [
    element('id', entry.id),
    element('title', entry.title),
    element('updated', rfc3339(entry.updated, `entry ${index + 1} updated`)),
    ...(entry.published === undefined
      ? []
      : [element('published', rfc3339(entry.published, `entry ${index + 1} published`))]),
    ...(entry.link === undefined ? [] : [link('alternate', entry.link)]),
    ...(entry.categories ?? []).map((term) => `<category${attributesOf({ term })}/>`),
    ...contentOf(entry),
  ];
  return `  <entry>\n${lines.map((line) => `    ${line}\n`).join('')}  </entry>\n`;
}

export function renderAtomFeed(feed: AtomFeed): string {
  const author = [
    element('name', feed.author.name),
    ...(feed.author.uri === undefined ? [] : [element('uri', feed.author.uri)]),
  ].join('');
  const head = [
    element('id', feed.id),
    element('title', feed.title),
    ...(feed.subtitle === undefined ? [] : [element('subtitle', feed.subtitle)]),
    element('updated', rfc3339(feed.updated, 'feed updated')),
    link('self', feed.selfLink, 'application/atom+xml'),
    ...(feed.alternateLink === undefined ? [] : [link('alternate', feed.alternateLink)]),
    `<author>${author}</author>`,
  ];
  return (
    '<?xml version="1.0" encoding="utf-8"?>\n' +
    `<feed xmlns="${ATOM_NAMESPACE}">\n` +
    head.map((line) => `  ${line}\n`).join('') +
    feed.entries.map(entryOf).join('') +
    '</feed>\n'
  );
}

/** A tag: URI (RFC 4151): stable whatever host serves the feed, and the same on every revision. */
export function factEntryId(factId: string): string {
  return `${TAG_AUTHORITY}fact:${encodeURIComponent(factId)}`;
}

export function feedId(scope: string): string {
  return `${TAG_AUTHORITY}feed:${encodeURIComponent(scope)}`;
}
