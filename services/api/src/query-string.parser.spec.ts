import { filterQueryInput, queryInput, subscriptionFilterOf } from './query-string.parser';
import { InvalidQueryError } from './service-query.error';

describe('queryInput', () => {
  it('turns decimal limit and offset into numbers and leaves other text alone', () => {
    expect(queryInput({ limit: '20', offset: '0', region: '北京市', text: '12' })).toEqual({
      limit: 20,
      offset: 0,
      region: '北京市',
      text: '12',
    });
  });

  it('leaves malformed numbers and repeated parameters for the schema to reject', () => {
    expect(queryInput({ limit: 'ten', offset: '-1', region: ['a', 'b'] })).toEqual({
      limit: 'ten',
      offset: '-1',
      region: ['a', 'b'],
    });
  });

  it('drops empty parameters', () => {
    expect(queryInput({ region: '', kind: undefined, limit: '' })).toEqual({});
  });
});

describe('filterQueryInput', () => {
  it('splits each parameter on commas and adds repeated parameters to the list', () => {
    expect(
      filterQueryInput({ kinds: 'appointment', regions: '吕梁市,太原市', keywords: ['财政', '教育,卫生'] }),
    ).toEqual({ kinds: ['appointment'], regions: ['吕梁市', '太原市'], keywords: ['财政', '教育', '卫生'] });
  });

  it('drops empty parameters and empty pieces', () => {
    expect(filterQueryInput({ regions: '', people: ',张三,,' })).toEqual({ people: ['张三'] });
  });

  it('keeps a parameter of nothing but commas as an empty list, for the schema to refuse', () => {
    expect(filterQueryInput({ regions: ',' })).toEqual({ regions: [] });
  });
});

describe('subscriptionFilterOf', () => {
  it('is the validated filter, terms trimmed', () => {
    expect(subscriptionFilterOf({ kinds: 'regulation', doc_types: ' 办法 , 规定' })).toEqual({
      kinds: ['regulation'],
      doc_types: ['办法', '规定'],
    });
    expect(subscriptionFilterOf({})).toEqual({});
  });

  it.each([
    ['an unknown parameter', { colour: 'red' }, ''],
    ['an empty term list', { regions: ',' }, 'regions'],
    ['an unknown kind', { kinds: 'poem' }, 'kinds[0]'],
    ['people with kinds regulation', { kinds: 'regulation', people: '张三' }, 'people'],
  ])('refuses %s with the issue', (_case, query, path) => {
    expect(refusalOf(query).issues).toEqual([expect.objectContaining({ path })]);
  });
});

function refusalOf(query: Record<string, unknown>): InvalidQueryError {
  try {
    subscriptionFilterOf(query);
  } catch (error) {
    if (error instanceof InvalidQueryError) return error;
    throw error;
  }
  throw new Error('expected the filter to be refused');
}
