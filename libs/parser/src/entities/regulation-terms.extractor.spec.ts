import type { RegulationTerms } from '../model/gazette.model';
import type { EntityContext } from './entity-extractor';
import { extractRegulationTerms } from './regulation-terms.extractor';

const CONTEXT: EntityContext = { year: 2023, region: '吕梁市', publisher: '吕梁市人民政府' };
const terms = (text: string): RegulationTerms => extractRegulationTerms(text, CONTEXT);

describe('extractRegulationTerms', () => {
  it('reads a start date and computes the end of a validity in years', () => {
    expect(terms('第三十条 本办法自2023年7月1日起施行，有效期两年。')).toEqual({
      effective_from: '2023-07-01',
      effective_until: '2025-06-30',
      validity: '有效期两年',
      repeals: [],
    });
  });

  it('computes a validity in months', () => {
    expect(terms('本通知自 2023 年 1 月 1 日起执行，有效期 6 个月。')).toMatchObject({
      effective_from: '2023-01-01',
      effective_until: '2023-06-30',
      validity: '有效期6个月',
    });
  });

  it('keeps the phrase when the start is an event', () => {
    expect(terms('本办法自发布之日起施行。')).toEqual({
      effective_from: '自发布之日起',
      effective_until: null,
      validity: null,
      repeals: [],
    });
    expect(terms('第20条 本规划自汾阳市人民政府批准之日起实施，由汾阳市气象局负责组织实施。').effective_from).toBe(
      '自汾阳市人民政府批准之日起',
    );
  });

  it('reads a validity wrapped over lines, without inventing an end date', () => {
    expect(terms('本计划自印发之日起施行，有效期为\n1年。')).toEqual({
      effective_from: '自印发之日起',
      effective_until: null,
      validity: '有效期为1年',
      repeals: [],
    });
  });

  it('does not open the clause at the 自 of 自然资源局', () => {
    expect(terms('本办法由县自然资源局制定的细则配套自发布之日起施行。').effective_from).toBe('自发布之日起');
  });

  it('reads an explicit end date', () => {
    expect(terms('本意见自印发之日起实施，有效期至2025年12月31日。')).toMatchObject({
      effective_from: '自印发之日起',
      effective_until: '2025-12-31',
    });
    expect(terms('本办法有效期自2023年1月1日至2025年12月31日。')).toMatchObject({
      effective_from: '2023-01-01',
      effective_until: '2025-12-31',
    });
  });

  it('reads a start month', () => {
    expect(terms('本政策自2023年5月起执行。').effective_from).toBe('2023-05');
  });

  it('takes the last clause: the regulation after its covering notice', () => {
    const text = '本通知自印发之日起施行。\n附件\n……\n第二十条 本办法自2023年9月1日起施行。';
    expect(terms(text).effective_from).toBe('2023-09-01');
  });

  it('reads repealed titles (real snippets)', () => {
    expect(
      terms('本预案自发布之日起实施。2018年11月14日印发的《吕梁市突发动物疫情应急预案》同时废止。').repeals,
    ).toEqual(['《吕梁市突发动物疫情应急预案》']);
    expect(
      terms(
        '现印发给你们，请认真贯彻执行。《中阳县人民政府办公室关于印发〈中阳县村级光伏公益岗位设置管理暂行办法〉的通知》（中政办发〔2022〕42号）同时废止。',
      ).repeals,
    ).toEqual(['《中阳县人民政府办公室关于印发〈中阳县村级光伏公益岗位设置管理暂行办法〉的通知》']);
  });

  it('reads only the clause that repeals, and numbers when no title is printed', () => {
    expect(
      terms('根据《中华人民共和国土地管理法》，原《吕梁市土地储备办法》（吕政发〔2018〕5号）同时废止。').repeals,
    ).toEqual(['《吕梁市土地储备办法》']);
    expect(terms('本办法自发布之日起施行，吕政发〔2018〕5号文件同时废止。').repeals).toEqual(['吕政发〔2018〕5号']);
    expect(terms('本办法自发布之日起施行，2018年印发的吕梁市土地储备办法同时废止。').repeals).toEqual([
      '2018年印发的吕梁市土地储备办法',
    ]);
  });

  it.each([
    ['a working period', '自2023年1月1日至2023年3月31日，开展专项整治行动。'],
    ['a retirement date', '到龄退休，退休待遇从 2023 年 4 月起执行；'],
    ['a clean-up instruction', '对规范性文件进行清理，该修改的修改，该废止的废止。'],
    ['no clause at all', '请各单位认真贯彻执行。'],
  ])('reads nothing from %s', (_label, text) => {
    expect(terms(text)).toEqual({ effective_from: null, effective_until: null, validity: null, repeals: [] });
  });
});
