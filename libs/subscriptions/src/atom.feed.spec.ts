import { validateAtomFeed } from '@gazette-watch/testing';
import { XMLParser } from 'fast-xml-parser';
import { factEntryId, feedId, renderAtomFeed, type AtomEntry, type AtomFeed } from './atom.feed';

const entry: AtomEntry = {
  id: factEntryId('appointment.recorded:abc'),
  title: '[吕梁市] 任命 张三 为 市财政局局长',
  updated: '2024-03-02T08:00:00+08:00',
  published: '2024-03-01T00:00:00Z',
  summary: '吕政任〔2024〕5号 · 2024-03-01 签发',
  link: 'https://gazette.example/facts/appointment.recorded%3Aabc',
  categories: ['appointment', '吕梁市'],
  content: { type: 'text', value: '张三' },
};

const feed: AtomFeed = {
  id: feedId('subscription:5f0e4f7a'),
  title: 'Gazette Watch — 吕梁市任免',
  updated: '2024-03-02T00:00:00Z',
  selfLink: 'https://gazette.example/feeds/subscriptions/5f0e4f7a.atom',
  alternateLink: 'https://gazette.example/',
  author: { name: 'Gazette Watch', uri: 'https://gazette.example/' },
  subtitle: '政府公报人事任免',
  entries: [entry],
};

/** Parsed back, for reading values the way a feed reader would. */
function parse(xml: string) {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    htmlEntities: true,
    trimValues: false,
  });
  return parser.parse(xml) as { feed: Record<string, unknown> & { entry: Record<string, unknown> } };
}

describe('renderAtomFeed', () => {
  it('renders a valid Atom 1.0 document', () => {
    const xml = renderAtomFeed(feed);
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">')).toBe(
      true,
    );
    expect(validateAtomFeed(xml)).toEqual([]);
  });

  it('renders an empty feed, which needs its author', () => {
    const xml = renderAtomFeed({ ...feed, entries: [] });
    expect(validateAtomFeed(xml)).toEqual([]);
    expect(xml).toContain('<author><name>Gazette Watch</name><uri>https://gazette.example/</uri></author>');
  });

  it('writes dates as RFC 3339 in UTC', () => {
    const xml = renderAtomFeed(feed);
    expect(xml).toContain('<updated>2024-03-02T00:00:00.000Z</updated>');
    expect(xml).toContain(
      '<updated>2024-03-02T00:00:00.000Z</updated>\n    <published>2024-03-01T00:00:00.000Z</published>',
    );
  });

  it('refuses a date it cannot read', () => {
    expect(() => renderAtomFeed({ ...feed, updated: 'yesterday' })).toThrow(/feed updated "yesterday"/);
    expect(() => renderAtomFeed({ ...feed, entries: [{ ...entry, published: '2024-13-01' }] })).toThrow(
      /entry 1 published/,
    );
  });

  it('links to itself and to the alternate page', () => {
    const xml = renderAtomFeed(feed);
    expect(xml).toContain(
      '<link rel="self" type="application/atom+xml" href="https://gazette.example/feeds/subscriptions/5f0e4f7a.atom"/>',
    );
    expect(xml).toContain('<link rel="alternate" href="https://gazette.example/"/>');
    expect(xml).toContain('<category term="吕梁市"/>');
  });

  it('escapes markup characters in text and attributes', () => {
    const nasty = `<script>alert("x") & 'y'</script>`;
    const xml = renderAtomFeed({
      ...feed,
      title: nasty,
      entries: [{ ...entry, title: nasty, link: 'https://gazette.example/?a=1&b=2', categories: [nasty] }],
    });
    expect(xml).not.toContain('<script>');
    expect(xml).toContain('&lt;script&gt;alert(&quot;x&quot;) &amp; &apos;y&apos;&lt;/script&gt;');
    expect(xml).toContain('href="https://gazette.example/?a=1&amp;b=2"');
    expect(xml).toContain('term="&lt;script&gt;alert(&quot;x&quot;) &amp; &apos;y&apos;&lt;/script&gt;"');
    expect(validateAtomFeed(xml)).toEqual([]);
    const parsed = parse(xml);
    expect(parsed.feed.title).toBe(nasty);
    expect((parsed.feed.entry.link as Record<string, string>)['@href']).toBe('https://gazette.example/?a=1&b=2');
    expect((parsed.feed.entry.category as Record<string, string>)['@term']).toBe(nasty);
  });

  it('drops characters XML 1.0 cannot carry, lone surrogates included, and keeps the rest', () => {
    const xml = renderAtomFeed({
      ...feed,
      entries: [{ ...entry, title: 'a\u0000b\u0008c\u001fd\ud800e\ufffef 😀\tg' }],
    });
    expect(validateAtomFeed(xml)).toEqual([]);
    expect(parse(xml).feed.entry.title).toBe('abcdef 😀\tg');
  });

  it('keeps tabs and line breaks in attributes, which parsers would turn into spaces', () => {
    const xml = renderAtomFeed({ ...feed, entries: [{ ...entry, categories: ['a\tb\nc'] }] });
    expect(xml).toContain('<category term="a&#x9;b&#xA;c"/>');
    expect((parse(xml).feed.entry.category as Record<string, string>)['@term']).toBe('a\tb\nc');
  });

  it('keeps carriage returns and line breaks through parsing', () => {
    const xml = renderAtomFeed({ ...feed, entries: [{ ...entry, summary: 'line one\r\nline two' }] });
    expect(xml).toContain('line one&#xD;\nline two');
    expect(parse(xml).feed.entry.summary).toBe('line one\r\nline two');
  });

  it('renders html content as escaped markup', () => {
    const xml = renderAtomFeed({ ...feed, entries: [{ ...entry, content: { type: 'html', value: '<p>任命</p>' } }] });
    expect(xml).toContain('<content type="html">&lt;p&gt;任命&lt;/p&gt;</content>');
    expect(validateAtomFeed(xml)).toEqual([]);
  });

  it('renders JSON content as Base64 with a summary, as RFC 4287 requires of non-text media types', () => {
    const json = JSON.stringify({ person: '张三', note: '<&>' });
    const xml = renderAtomFeed({
      ...feed,
      entries: [{ ...entry, summary: undefined, content: { type: 'application/json', value: json } }],
    });
    expect(validateAtomFeed(xml)).toEqual([]);
    const rendered = parse(xml).feed.entry as { content: { '#text': string; '@type': string }; summary: string };
    expect(rendered.content['@type']).toBe('application/json');
    expect(JSON.parse(Buffer.from(rendered.content['#text'], 'base64').toString('utf8'))).toEqual(JSON.parse(json));
    // Without a summary of its own, the entry's title stands in.
    expect(rendered.summary).toBe(entry.title);
  });

  it('leaves out what is not given', () => {
    const xml = renderAtomFeed({
      id: feed.id,
      title: 't',
      updated: feed.updated,
      selfLink: feed.selfLink,
      author: { name: 'a' },
      entries: [{ id: entry.id, title: 't', updated: entry.updated, link: 'https://gazette.example/x' }],
    });
    expect(validateAtomFeed(xml)).toEqual([]);
    for (const absent of [
      '<subtitle',
      '<published',
      '<summary',
      '<content',
      '<category',
      '<uri',
      'rel="alternate" href="https://gazette.example/"',
    ]) {
      expect(xml).not.toContain(absent);
    }
  });
});

describe('factEntryId and feedId', () => {
  it('are tag: URIs that encode their argument', () => {
    expect(factEntryId('appointment.recorded:0f3a')).toBe(
      'tag:gazette-watch.org,2026:fact:appointment.recorded%3A0f3a',
    );
    expect(feedId('region/吕梁市')).toBe('tag:gazette-watch.org,2026:feed:region%2F%E5%90%95%E6%A2%81%E5%B8%82');
  });

  it('are stable and distinct', () => {
    expect(factEntryId('a')).toBe(factEntryId('a'));
    expect(factEntryId('a')).not.toBe(factEntryId('b'));
    expect(feedId('a')).not.toBe(factEntryId('a'));
  });
});
