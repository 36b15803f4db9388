import type { SubscriptionFilter } from '@gazette-watch/contracts';
import { appointmentFact, regulationFact } from './fact.fixture';
import { factViewOf, type FactView } from './fact.view';
import { compileFilter, matchesFilter, normaliseFilterText } from './subscription.filter';

const appointment = factViewOf(appointmentFact());
const regulation = factViewOf(regulationFact());

function view(overrides: Partial<FactView>): FactView {
  return { ...appointment, ...overrides };
}

describe('normaliseFilterText', () => {
  it('folds full-width forms, drops whitespace and invisible characters, and ignores case', () => {
    expect(normaliseFilterText('Ｌｖｌｉａｎｇ １２３')).toBe('lvliang123');
    expect(normaliseFilterText('张\u3000三\n')).toBe('张三');
    expect(normaliseFilterText('财\u200b政\ufeff局\u0007')).toBe('财政局');
    expect(normaliseFilterText('⑴号')).toBe('(1)号');
  });
});

describe('matchesFilter', () => {
  it('matches every fact with the empty filter', () => {
    expect(matchesFilter({}, appointment)).toBe(true);
    expect(matchesFilter({}, regulation)).toBe(true);
    expect(matchesFilter({}, view({ region: null, publisher: null, issuers: [], title: '' }))).toBe(true);
  });

  it('matches kinds by membership', () => {
    expect(matchesFilter({ kinds: ['appointment'] }, appointment)).toBe(true);
    expect(matchesFilter({ kinds: ['appointment'] }, regulation)).toBe(false);
    expect(matchesFilter({ kinds: ['appointment', 'regulation'] }, regulation)).toBe(true);
  });

  describe('regions match the whole region', () => {
    it.each([
      ['吕梁市', true],
      [' 吕 梁 市 ', true],
      ['吕梁', false],
      ['吕梁市离石区', false],
    ])('fact region %p against 吕梁市: %p', (region, expected) => {
      expect(matchesFilter({ regions: ['吕梁市'] }, view({ region }))).toBe(expected);
    });

    it('matches when any term equals the region', () => {
      expect(matchesFilter({ regions: ['太原市', '吕梁市'] }, appointment)).toBe(true);
      expect(matchesFilter({ regions: ['太原市', '吕梁'] }, appointment)).toBe(false);
    });

    it('never matches a fact without a region', () => {
      expect(matchesFilter({ regions: ['吕梁市'] }, view({ region: null }))).toBe(false);
      expect(matchesFilter({ regions: ['吕梁市'] }, view({ region: '' }))).toBe(false);
    });
  });

  it('matches publishers by containment', () => {
    expect(matchesFilter({ publishers: ['人民政府'] }, appointment)).toBe(true);
    expect(matchesFilter({ publishers: ['吕梁市人民政府办公室'] }, appointment)).toBe(false);
    expect(matchesFilter({ publishers: ['政府'] }, view({ publisher: null }))).toBe(false);
  });

  it('matches issuers when some issuer contains a term', () => {
    const fact = view({ issuers: ['吕梁市财政局', '吕梁市人力资源和社会保障局'] });
    expect(matchesFilter({ issuers: ['人力资源'] }, fact)).toBe(true);
    expect(matchesFilter({ issuers: ['教育局'] }, fact)).toBe(false);
    expect(matchesFilter({ issuers: ['财政局'] }, view({ issuers: [] }))).toBe(false);
  });

  it('matches doc_types whole', () => {
    expect(matchesFilter({ doc_types: ['办法'] }, regulation)).toBe(true);
    expect(matchesFilter({ doc_types: ['管理办法'] }, regulation)).toBe(false);
    expect(matchesFilter({ doc_types: ['办'] }, regulation)).toBe(false);
    expect(matchesFilter({ doc_types: ['办法'] }, view({ docType: null }))).toBe(false);
  });

  it('matches people by whole name, not by part of one', () => {
    expect(matchesFilter({ people: ['张三'] }, appointment)).toBe(true);
    expect(matchesFilter({ people: ['张 三'] }, appointment)).toBe(true);
    expect(matchesFilter({ people: ['张'] }, appointment)).toBe(false);
    expect(matchesFilter({ people: ['张三丰'] }, appointment)).toBe(false);
    expect(matchesFilter({ people: ['张三'] }, regulation)).toBe(false);
  });

  it('matches organisations by part of the organisation or of the post', () => {
    expect(matchesFilter({ organisations: ['财政局'] }, appointment)).toBe(true);
    expect(matchesFilter({ organisations: ['局长'] }, appointment)).toBe(true);
    expect(matchesFilter({ organisations: ['教育局'] }, appointment)).toBe(false);
    expect(matchesFilter({ organisations: ['财政局'] }, regulation)).toBe(false);
  });

  it('matches keywords in the title or the body, but not across the two', () => {
    expect(matchesFilter({ keywords: ['供水'] }, regulation)).toBe(true);
    expect(matchesFilter({ keywords: ['法律法规'] }, regulation)).toBe(true);
    expect(matchesFilter({ keywords: ['燃气'] }, regulation)).toBe(false);
    const seam = view({ title: '关于供水', body: '管理的规定' });
    expect(matchesFilter({ keywords: ['供水管理'] }, seam)).toBe(false);
  });

  it('folds full-width and case on both sides', () => {
    const fact = view({ title: 'ＰＰＰ项目管理办法' });
    expect(matchesFilter({ keywords: ['ppp'] }, fact)).toBe(true);
    expect(matchesFilter({ keywords: ['Ｐｐｐ项目'] }, fact)).toBe(true);
  });

  it('requires every given field (AND) and any term within a field (OR)', () => {
    const filter: SubscriptionFilter = {
      kinds: ['appointment'],
      regions: ['吕梁市'],
      organisations: ['教育局', '财政局'],
    };
    expect(matchesFilter(filter, appointment)).toBe(true);
    expect(matchesFilter(filter, view({ region: '太原市' }))).toBe(false);
    expect(matchesFilter(filter, view({ organisations: ['吕梁市公安局'] }))).toBe(false);
    expect(matchesFilter({ ...filter, kinds: ['regulation'] }, appointment)).toBe(false);
  });

  it('lets no term made only of invisible characters match everything', () => {
    expect(matchesFilter({ keywords: ['\u200b'] }, regulation)).toBe(false);
    expect(matchesFilter({ keywords: ['\u200b', '供水'] }, regulation)).toBe(true);
  });
});

describe('compileFilter', () => {
  it('gives the same answers as matchesFilter, and can be reused for many facts', () => {
    const predicate = compileFilter({ regions: ['吕梁市'], keywords: ['供水'] });
    expect(predicate(regulation)).toBe(true);
    expect(predicate(appointment)).toBe(false);
    expect(predicate(view({ region: '太原市', title: '供水' }))).toBe(false);
  });

  it('does not depend on the filter object after compiling', () => {
    const filter: SubscriptionFilter = { people: ['张三'] };
    const predicate = compileFilter(filter);
    filter.people = ['李四'];
    expect(predicate(appointment)).toBe(true);
  });

  it('normalises a fact once however many predicates read it', () => {
    const spy = jest.spyOn(String.prototype, 'normalize');
    const predicates = Array.from({ length: 50 }, (_, i) => compileFilter({ keywords: [`词${i}`] }));
    const fact = factViewOf(regulationFact());
    spy.mockClear();
    for (const predicate of predicates) predicate(fact);
    const calls = spy.mock.calls.length;
    spy.mockRestore();
    // Region, publisher, one issuer, doc type, title and body: once each, not once per predicate.
    expect(calls).toBe(6);
  });
});
