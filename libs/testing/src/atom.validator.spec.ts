import { factEntryId, feedId, renderAtomFeed } from '@gazette-watch/subscriptions';
import { validateAtomFeed } from './atom.validator';

const rendered = renderAtomFeed({
  id: feedId('region:吕梁市'),
  title: '吕梁市 · 任免',
  updated: '2024-03-02T00:00:00Z',
  selfLink: 'https://gazette.example/feeds/regions/lvliang.atom',
  author: { name: 'Gazette Watch' },
  entries: [
    {
      id: factEntryId('appointment.recorded:1'),
      title: '[吕梁市] 任命 张三 为 市财政局局长',
      updated: '2024-03-01T00:00:00Z',
      content: { type: 'application/json', value: '{"person":"张三"}' },
    },
    {
      id: factEntryId('regulation.published:2'),
      title: '[吕梁市] 吕梁市城市供水管理办法',
      updated: '2024-03-01T00:00:00Z',
      link: 'https://gazette.example/facts/2',
    },
  ],
});

/** A minimal valid feed with `entries` spliced in, and the feed head replaceable. */
function feed(
  entries: string,
  head = '<id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id><title>t</title><updated>2024-03-01T00:00:00Z</updated><author><name>a</name></author>',
): string {
  return `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">${head}${entries}</feed>`;
}

const entry = (id = 'urn:x:1', extra = '') =>
  `<entry><id>${id}</id><title>e</title><updated>2024-03-01T00:00:00Z</updated><link href="https://e.example/"/>${extra}</entry>`;

const HEAD_WITHOUT_AUTHOR = '<id>urn:x:feed</id><title>t</title><updated>2024-03-01T00:00:00Z</updated>';

describe('validateAtomFeed', () => {
  it('accepts a feed rendered by renderAtomFeed', () => {
    expect(validateAtomFeed(rendered)).toEqual([]);
  });

  it('accepts the RFC 4287 §1.1 example, prefixed namespaces and xhtml content', () => {
    const example = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Example Feed</title>
  <link href="http://example.org/"/>
  <updated>2003-12-13T18:30:02Z</updated>
  <author><name>John Doe</name></author>
  <id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id>
  <entry>
    <title>Atom-Powered Robots Run Amok</title>
    <link href="http://example.org/2003/12/13/atom03"/>
    <id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a</id>
    <updated>2003-12-13T18:30:02Z</updated>
    <summary>Some text.</summary>
  </entry>
</feed>`;
    expect(validateAtomFeed(example)).toEqual([]);
    const prefixed = `<a:feed xmlns:a="http://www.w3.org/2005/Atom" xmlns:x="urn:ext"><a:id>urn:x:f</a:id><a:title>t</a:title><a:updated>2024-03-01T00:00:00+08:00</a:updated><a:author><a:name>n</a:name></a:author><x:id>not an iri, but not atom either</x:id><a:entry><a:id>urn:x:e</a:id><a:title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">t <b>x</b></div></a:title><a:updated>2024-03-01T00:00:00.5-05:30</a:updated><a:content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>x</p></div></a:content></a:entry></a:feed>`;
    expect(validateAtomFeed(prefixed)).toEqual([]);
  });

  it('reports XML that is not well-formed', () => {
    const problems = validateAtomFeed(feed(entry()).replace('</title>', ''));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^document: is not well-formed XML: .*line 1/);
  });

  it('reports characters and entities XML 1.0 does not allow', () => {
    expect(validateAtomFeed(feed(entry('urn:x:1', '<summary>a\u0001</summary>')))).toEqual([
      'document: contains U+0001, which XML 1.0 does not allow',
    ]);
    expect(validateAtomFeed(feed(entry('urn:x:1', '<summary>&nbsp;</summary>')))).toEqual([
      'document: uses "&nbsp;", which is not an XML entity or character reference',
    ]);
    expect(validateAtomFeed(feed(entry('urn:x:1', '<summary>&#x1;</summary>')))).toEqual([
      'document: references character x1, which XML 1.0 does not allow',
    ]);
    expect(validateAtomFeed(feed(entry('urn:x:1', '<summary><![CDATA[&nbsp;]]></summary>')))).toEqual([]);
  });

  it('reports a root that is not atom:feed', () => {
    expect(validateAtomFeed('<feed><id>urn:x</id></feed>')).toEqual([
      'document: root is {}feed, not atom:feed in http://www.w3.org/2005/Atom',
    ]);
    expect(validateAtomFeed('<rss xmlns="http://www.w3.org/2005/Atom"/>')[0]).toMatch(/root is .*rss/);
  });

  it('reports a feed without id, title or updated, or with two of one', () => {
    expect(validateAtomFeed(feed('', '<title>t</title><author><name>a</name></author>'))).toEqual([
      'feed: has no atom:id',
      'feed: has no atom:updated',
    ]);
    const twice =
      '<id>urn:x:a</id><id>urn:x:b</id><title>t</title><updated>2024-03-01T00:00:00Z</updated><author><name>a</name></author>';
    expect(validateAtomFeed(feed('', twice))).toEqual(['feed: has 2 atom:id elements, at most 1 allowed']);
  });

  it('reports ids that are not absolute IRIs', () => {
    expect(validateAtomFeed(feed(entry('/facts/1')))).toEqual([
      'entry 1 (/facts/1): atom:id "/facts/1" is not an absolute IRI',
    ]);
    expect(validateAtomFeed(feed(entry('tag:x,2026:a b')))).toContain(
      'entry 1 (tag:x,2026:a b): atom:id "tag:x,2026:a b" is not an absolute IRI',
    );
  });

  it.each([
    '2024-03-01',
    '2024-03-01 00:00:00Z',
    '2024-03-01t00:00:00z',
    '2024-02-30T00:00:00Z',
    '2024-03-01T24:00:00Z',
    '2024-03-01T00:00:00',
    'Fri, 01 Mar 2024 00:00:00 GMT',
  ])('reports the date %p', (date) => {
    const head = `<id>urn:x:f</id><title>t</title><updated>${date}</updated><author><name>a</name></author>`;
    expect(validateAtomFeed(feed('', head))).toEqual([`feed: atom:updated "${date}" is not an RFC 3339 date-time`]);
  });

  it('reports a feed without author when an entry has none either', () => {
    const withAuthor = entry('urn:x:1', '<author><name>b</name></author>');
    expect(validateAtomFeed(feed(withAuthor, HEAD_WITHOUT_AUTHOR))).toEqual([]);
    expect(validateAtomFeed(feed(withAuthor + entry('urn:x:2'), HEAD_WITHOUT_AUTHOR))).toEqual([
      'feed: has no atom:author, and neither has entry 2',
    ]);
    expect(validateAtomFeed(feed('', HEAD_WITHOUT_AUTHOR))).toEqual([
      'feed: has no atom:author and no entries that could carry one',
    ]);
  });

  it('reports a person without a name', () => {
    const head = HEAD_WITHOUT_AUTHOR + '<author><uri>https://a.example/</uri></author>';
    expect(validateAtomFeed(feed('', head))).toEqual(['feed atom:author: has no atom:name']);
  });

  it('reports entries missing id, title or updated, or repeating one', () => {
    const bare = '<entry><link href="https://e.example/"/></entry>';
    expect(validateAtomFeed(feed(bare))).toEqual([
      'entry 1: has no atom:id',
      'entry 1: has no atom:title',
      'entry 1: has no atom:updated',
    ]);
    expect(validateAtomFeed(feed(entry('urn:x:1', '<summary>a</summary><summary>b</summary>')))).toEqual([
      'entry 1 (urn:x:1): has 2 atom:summary elements, at most 1 allowed',
    ]);
  });

  it('reports two alternate links with the same type and hreflang', () => {
    const twoAlternates = '<link rel="alternate" href="https://e.example/again"/>';
    expect(validateAtomFeed(feed(entry('urn:x:1', twoAlternates)))).toEqual([
      'entry 1 (urn:x:1): has more than one atom:link rel="alternate" with type "" and hreflang ""',
    ]);
    const otherLanguage = '<link rel="alternate" hreflang="zh" href="https://e.example/zh"/>';
    expect(validateAtomFeed(feed(entry('urn:x:1', otherLanguage)))).toEqual([]);
  });

  it('reports links without href and categories without term', () => {
    expect(validateAtomFeed(feed(entry('urn:x:1', '<link rel="related"/><category label="x"/>')))).toEqual([
      'entry 1 (urn:x:1): atom:link rel="related" has no href',
      'entry 1 (urn:x:1): atom:category has no term',
    ]);
  });

  it('reports an entry with neither content nor an alternate link, even with a summary', () => {
    const entryWithout =
      '<entry><id>urn:x:1</id><title>e</title><updated>2024-03-01T00:00:00Z</updated><summary>s</summary><link rel="related" href="https://e.example/"/></entry>';
    expect(validateAtomFeed(feed(entryWithout))).toEqual([
      'entry 1 (urn:x:1): has neither atom:content nor an atom:link rel="alternate"',
    ]);
  });

  it('reports non-text content that is not Base64 or lacks a summary', () => {
    const json = '<content type="application/json">{"a":1}</content><summary>s</summary>';
    expect(validateAtomFeed(feed(entry('urn:x:1', json)))).toEqual([
      'entry 1 (urn:x:1): atom:content of type application/json must be Base64',
    ]);
    const base64 = `<content type="application/json">${Buffer.from('{"a":1}').toString('base64')}</content>`;
    expect(validateAtomFeed(feed(entry('urn:x:1', base64)))).toEqual([
      'entry 1 (urn:x:1): atom:content of type application/json (Base64) requires an atom:summary',
    ]);
  });

  it('reports content with src that is not empty or has no summary', () => {
    const src = '<content type="text/html" src="https://e.example/doc">x</content>';
    expect(validateAtomFeed(feed(entry('urn:x:1', src)))).toEqual([
      'entry 1 (urn:x:1): atom:content with src must be empty',
      'entry 1 (urn:x:1): atom:content with src requires an atom:summary',
    ]);
  });

  it('reports markup inside text constructs and bad text types', () => {
    expect(validateAtomFeed(feed(entry('urn:x:1', '<summary>a <b>bold</b></summary>')))).toEqual([
      'entry 1 (urn:x:1): atom:summary of type text contains child elements',
    ]);
    expect(validateAtomFeed(feed(entry('urn:x:1', '<summary type="markdown">*a*</summary>')))).toEqual([
      'entry 1 (urn:x:1): atom:summary has type "markdown"; a text construct is text, html or xhtml',
    ]);
    expect(validateAtomFeed(feed(entry('urn:x:1', '<summary type="xhtml"><p>a</p></summary>')))).toEqual([
      'entry 1 (urn:x:1): atom:summary of type xhtml must contain exactly one xhtml:div',
    ]);
  });

  it('reports duplicate entry ids', () => {
    expect(validateAtomFeed(feed(entry('urn:x:1') + entry('urn:x:2') + entry('urn:x:1')))).toEqual([
      'feed: entry id urn:x:1 appears 2 times',
    ]);
  });

  it('ignores elements of other namespaces', () => {
    const extension = '<x:updated xmlns:x="urn:ext">whenever</x:updated><x:link xmlns:x="urn:ext"/>';
    expect(validateAtomFeed(feed(entry('urn:x:1', extension)))).toEqual([]);
  });
});
