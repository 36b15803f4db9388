import { UsageError } from './command-line.parser';
import { describeFilter, filterFromFlags, filterQuery } from './watch-filter.options';

const flags = (entries: Record<string, string[]>): Map<string, string[]> => new Map(Object.entries(entries));

describe('the filter flags', () => {
  it('map every flag to its filter field', () => {
    expect(
      filterFromFlags(
        flags({
          '--kind': ['appointment'],
          '--region': ['吕梁市'],
          '--publisher': ['吕梁市人民政府'],
          '--issuer': ['吕梁市财政局'],
          '--doc-type': ['通知'],
          '--person': ['张三'],
          '--organisation': ['财政局'],
          '--keyword': ['任免'],
        }),
      ),
    ).toEqual({
      kinds: ['appointment'],
      regions: ['吕梁市'],
      publishers: ['吕梁市人民政府'],
      issuers: ['吕梁市财政局'],
      doc_types: ['通知'],
      people: ['张三'],
      organisations: ['财政局'],
      keywords: ['任免'],
    });
  });

  it('is an empty filter, matching everything, without flags', () => {
    expect(filterFromFlags(new Map())).toEqual({});
    expect(describeFilter({})).toBe('everything (no filter)');
  });

  it('gathers repeated flags and comma-separated terms, trimmed and without repeats', () => {
    expect(
      filterFromFlags(
        flags({ '--region': ['吕梁市, 汾阳市', '太原市', '吕梁市'], '--kind': ['appointment,regulation'] }),
      ),
    ).toEqual({ regions: ['吕梁市', '汾阳市', '太原市'], kinds: ['appointment', 'regulation'] });
  });

  it('refuses a kind that does not exist, naming the flag', () => {
    expect(() => filterFromFlags(flags({ '--kind': ['notice'] }))).toThrow(
      new UsageError('--kind takes appointment or regulation, not "notice"'),
    );
  });

  it('refuses an empty term, naming the flag', () => {
    expect(() => filterFromFlags(flags({ '--region': ['吕梁市,'] }))).toThrow(
      /invalid filter: --region: a filter term must not be empty/,
    );
  });

  it('refuses a term over 100 characters', () => {
    expect(() => filterFromFlags(flags({ '--keyword': ['字'.repeat(101)] }))).toThrow(/--keyword: .*at most 100/);
  });

  it('refuses people and organisations when only regulations are asked for', () => {
    expect(() =>
      filterFromFlags(flags({ '--kind': ['regulation'], '--person': ['张三'], '--organisation': ['财政局'] })),
    ).toThrow(
      'invalid filter: --person: people only match appointments, but kinds excludes appointment; ' +
        '--organisation: organisations only match appointments, but kinds excludes appointment',
    );
  });

  it('writes the event stream query with one comma-separated parameter per field', () => {
    const query = filterQuery({ kinds: ['appointment'], regions: ['吕梁市', '汾阳市'], doc_types: ['通知'] });
    expect([...query]).toEqual([
      ['kinds', 'appointment'],
      ['regions', '吕梁市,汾阳市'],
      ['doc_types', '通知'],
    ]);
    expect(filterQuery({}).toString()).toBe('');
  });

  it('describes a filter in one line', () => {
    expect(describeFilter({ kinds: ['appointment'], regions: ['吕梁市', '汾阳市'] })).toBe(
      'kinds appointment; regions 吕梁市 | 汾阳市',
    );
  });
});
