import { appointmentFact, regulationFact } from './fact.fixture';
import { factSummary, factTitle } from './fact.summary';

describe('factTitle', () => {
  it('words an appointment the way the gazette does, after its region', () => {
    expect(factTitle(appointmentFact())).toBe('[吕梁市] 任命 张三 为 市财政局局长');
  });

  it.each([
    ['appoint', 'engage', '市第一中学', '聘任 张三 为 市第一中学'],
    ['appoint', 'nominate', '市长候选人', '提名 张三 为 市长候选人'],
    ['appoint', 'acting', '市长', '决定 张三 为 代理市长'],
    ['appoint', 'acting', '代理市长', '决定 张三 为 代理市长'],
    ['remove', 'remove', '市财政局局长', '免去 张三 的 市财政局局长职务'],
    ['remove', 'remove', '市财政局局长职务', '免去 张三 的 市财政局局长职务'],
    ['remove', 'resign', '市长', '张三 辞去 市长职务'],
    ['remove', 'dismiss', '市财政局局长', '撤销 张三 的 市财政局局长职务'],
  ] as const)('%s by %s of %s: %s', (action, method, position, expected) => {
    expect(factTitle(appointmentFact({ action, method, position, region: null }))).toBe(expected);
  });

  it('follows the action when the method contradicts it', () => {
    expect(factTitle(appointmentFact({ action: 'remove', method: 'appoint', region: null }))).toBe(
      '免去 张三 的 市财政局局长职务',
    );
    expect(factTitle(appointmentFact({ action: 'appoint', method: 'resign', region: null }))).toBe(
      '任命 张三 为 市财政局局长',
    );
  });

  it('gives a regulation its title after its region, on one line', () => {
    expect(factTitle(regulationFact())).toBe('[吕梁市] 吕梁市城市供水管理办法');
    expect(factTitle(regulationFact({ region: null, title: '关于印发\n供水管理办法的通知' }))).toBe(
      '关于印发 供水管理办法的通知',
    );
  });
});

describe('factSummary', () => {
  it('lists notice, number, signing date and issuer of an appointment', () => {
    expect(factSummary(appointmentFact())).toBe(
      '《吕梁市人民政府关于张三等同志职务任免的通知》 · 吕政任〔2024〕5号 · 2024-03-01 签发 · 吕梁市人民政府',
    );
  });

  it('adds when a regulation applies', () => {
    expect(factSummary(regulationFact())).toBe(
      '吕政发〔2024〕3号 · 2024-02-01 签发 · 吕梁市人民政府办公室 · 2024-03-01 起施行，有效期至 2029-02-28',
    );
    expect(factSummary(regulationFact({ effective_until: null }))).toMatch(/ · 2024-03-01 起施行$/);
    expect(factSummary(regulationFact({ effective_from: null }))).toMatch(/ · 有效期至 2029-02-28$/);
  });

  it('falls back to the publisher when no issuer is named, and skips what is unknown', () => {
    expect(
      factSummary(
        regulationFact({ issuers: [], doc_number: null, signed_on: null, effective_from: null, effective_until: null }),
      ),
    ).toBe('吕梁市人民政府');
    expect(
      factSummary(
        appointmentFact({ document_title: null, doc_number: null, signed_on: null, publisher: null, issuers: [] }),
      ),
    ).toBe('');
  });

  it('joins several issuers', () => {
    expect(
      factSummary(regulationFact({ issuers: ['市财政局', '市税务局'], doc_number: null, signed_on: null })),
    ).toMatch(/^市财政局、市税务局 · /);
  });
});
