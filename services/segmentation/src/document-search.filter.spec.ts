import { containsPattern, documentSearchFilter } from './document-search.filter';

describe('documentSearchFilter', () => {
  it('filters nothing for an empty request', () => {
    expect(documentSearchFilter({})).toEqual({ where: 'TRUE', params: [] });
  });

  it('binds every value and numbers the parameters in order', () => {
    const filter = documentSearchFilter({
      gazette_id: 'a'.repeat(64),
      region: '吕梁市',
      kind: '通知',
      category: 'regulation',
      issuer: '吕梁市人民政府',
      from: '2023-01-01',
      to: '2023-12-31',
      text: '健身',
    });
    expect(filter.where).toBe(
      [
        'd.gazette_id = $1',
        'd.region = $2',
        'd.doc_type = $3',
        'd.category = $4',
        'd.issuers @> $5::jsonb',
        'd.signed_on >= $6',
        'd.signed_on <= $7',
        "(d.title ILIKE $8 ESCAPE '\\' OR d.body ILIKE $8 ESCAPE '\\')",
      ].join(' AND '),
    );
    expect(filter.params).toEqual([
      'a'.repeat(64),
      '吕梁市',
      '通知',
      'regulation',
      '["吕梁市人民政府"]',
      '2023-01-01',
      '2023-12-31',
      '%健身%',
    ]);
  });

  it('keeps a quote in the issuer inside valid JSON', () => {
    expect(documentSearchFilter({ issuer: 'a"b' }).params).toEqual(['["a\\"b"]']);
  });
});

describe('containsPattern', () => {
  it('takes the user’s wildcards and escape character literally', () => {
    expect(containsPattern('50%_off\\')).toBe('%50\\%\\_off\\\\%');
  });
});
