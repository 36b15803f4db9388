import { validateAtomFeed } from '@gazette-watch/testing';
import { XMLParser } from 'fast-xml-parser';
import { feedEntry } from '../test/subscription-fixtures';
import { atomFeedOf } from './atom-feed.presenter';

const location = { baseUrl: 'https://gazette.example', path: '/feeds/appointment/x.atom', scope: 'appointment:吕梁市' };
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' });

describe('atomFeedOf', () => {
  it('renders a valid feed whose entries are keyed by fact and link to their document', () => {
    const entry = feedEntry();
    const xml = atomFeedOf({ title: '吕梁市任免', updated_at: '2024-03-18T09:30:00Z', entries: [entry] }, location);
    expect(validateAtomFeed(xml)).toEqual([]);
    const { feed } = parser.parse(xml);
    expect(feed.id).toBe('tag:gazette-watch.org,2026:feed:appointment%3A%E5%90%95%E6%A2%81%E5%B8%82');
    expect(feed.title).toBe('吕梁市任免');
    expect(feed.updated).toBe('2024-03-18T09:30:00.000Z');
    expect(feed.link).toMatchObject({ rel: 'self', href: 'https://gazette.example/feeds/appointment/x.atom' });
    expect(feed.entry).toMatchObject({
      id: `tag:gazette-watch.org,2026:fact:${encodeURIComponent(entry.fact_id)}`,
      title: entry.title,
      updated: '2024-03-18T09:30:00.000Z',
      published: '2024-03-16T08:00:00.000Z',
      link: { rel: 'alternate', href: `https://gazette.example/documents/${entry.document_id}` },
    });
    expect(feed.entry.category.map((c: { term: string }) => c.term)).toEqual(['appointment', '吕梁市']);
    const content = feed.entry.content;
    expect(content.type).toBe('application/json');
    // RFC 4287 §4.1.3.3: a non-text, non-XML media type travels as Base64.
    expect(JSON.parse(Buffer.from(content['#text'], 'base64').toString('utf8'))).toEqual(entry.fact);
  });

  it('keeps the entry id across revisions of the fact', () => {
    const render = (revision: number) =>
      parser.parse(
        atomFeedOf(
          {
            title: 't',
            updated_at: '2024-03-18T09:30:00Z',
            entries: [feedEntry({ revision, title: `rev ${revision}` })],
          },
          location,
        ),
      ).feed.entry.id;
    expect(render(1)).toBe(render(2));
  });

  it('renders an empty feed', () => {
    const xml = atomFeedOf({ title: 'nothing yet', updated_at: '2024-03-18T09:30:00Z', entries: [] }, location);
    expect(validateAtomFeed(xml)).toEqual([]);
  });
});
