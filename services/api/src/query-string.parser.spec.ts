import { queryInput } from './query-string.parser';

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
