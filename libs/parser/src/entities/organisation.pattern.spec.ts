import type { Entity } from '../model/gazette.model';
import { findOrganisations } from './organisation.pattern';
import { regionNames } from './region.resolver';

const LVLIANG = regionNames('吕梁市', '吕梁市人民政府');
const ZHONGYANG = regionNames(null, '中阳县人民政府');

function orgs(text: string, region = LVLIANG): Entity[] {
  const found = findOrganisations(text, region);
  for (const e of found) expect(text.slice(e.start, e.end)).toBe(e.text);
  return found;
}

const pairs = (text: string, region = LVLIANG): [string, unknown][] => orgs(text, region).map((e) => [e.text, e.value]);

describe('regionNames', () => {
  it('takes the region, or derives it from the publisher', () => {
    expect(regionNames('吕梁市', null)).toEqual({ region: '吕梁市', stem: '吕梁', level: '市' });
    expect(regionNames(null, '中阳县人民政府')).toEqual({ region: '中阳县', stem: '中阳', level: '县' });
    expect(regionNames('岚县', null)).toEqual({ region: '岚县', stem: null, level: '县' });
    expect(regionNames(null, null)).toEqual({ region: null, stem: null, level: null });
  });
});

describe('findOrganisations', () => {
  it('ties short forms to the region', () => {
    expect(orgs('由市财政局牵头。')).toEqual([
      { type: 'organisation', text: '市财政局', start: 1, end: 5, value: '吕梁市财政局' },
    ]);
    expect(pairs('报市政府审批')).toEqual([['市政府', '吕梁市人民政府']]);
    expect(pairs('县财政局负责', ZHONGYANG)).toEqual([['县财政局', '中阳县财政局']]);
    expect(pairs('县政府办负责', ZHONGYANG)).toEqual([['县政府办', '中阳县人民政府办公室']]);
    expect(pairs('我市财政局')).toEqual([['市财政局', '吕梁市财政局']]);
  });

  it('leaves a short form of another level as printed', () => {
    expect(pairs('县财政局负责')).toEqual([['县财政局', '县财政局']]);
  });

  it('keeps full names and names with 和 inside', () => {
    expect(pairs('咨询单位：吕梁市规划和自然资源局')).toEqual([['吕梁市规划和自然资源局', '吕梁市规划和自然资源局']]);
    expect(pairs('市发展和改革委员会、市住房和城乡建设局').map(([t]) => t)).toEqual([
      '市发展和改革委员会',
      '市住房和城乡建设局',
    ]);
  });

  it('splits names joined by a conjunction or listed', () => {
    expect(pairs('市财政局和市教育局').map(([t]) => t)).toEqual(['市财政局', '市教育局']);
    expect(pairs('市委、市政府').map(([t]) => t)).toEqual(['市委', '市政府']);
    expect(pairs('省委省政府').map(([t]) => t)).toEqual(['省委', '省政府']);
  });

  it('joins chained names', () => {
    expect(pairs('办公室设在吕梁市生态环境局汾阳分局。').map(([t]) => t)).toEqual(['吕梁市生态环境局汾阳分局']);
    expect(pairs('市委宣传部、市人民政府办公室').map(([t]) => t)).toEqual(['市委宣传部', '市人民政府办公室']);
    expect(pairs('国家统计局临汾调查队副队长').map(([t]) => t)).toEqual(['国家统计局临汾调查队']);
  });

  it('finds enterprises and institutions', () => {
    expect(pairs('关于收回吕梁能源科创有限公司国有建设用地使用权的决定').map(([t]) => t)).toEqual([
      '吕梁能源科创有限公司',
    ]);
    expect(pairs('依托汾阳市人民医院建立完善').map(([t]) => t)).toEqual(['汾阳市人民医院']);
    expect(pairs('山西天润煤化集团、国网吕梁供电公司').map(([t]) => t)).toEqual([
      '山西天润煤化集团',
      '国网吕梁供电公司',
    ]);
  });

  it('starts a long name at the place inside it', () => {
    expect(pairs('集中式光伏电站收益指山西耀光新能源有限公司').map(([t]) => t)).toEqual(['山西耀光新能源有限公司']);
  });

  it('accepts an unplaced government body only as a list item', () => {
    expect(pairs('市市场监督管理局、统计局、市行政审批服务管理局').map(([t]) => t)).toEqual([
      '市市场监督管理局',
      '统计局',
      '市行政审批服务管理局',
    ]);
    expect(pairs('加强统计局建设')).toEqual([]);
  });

  it('joins a name broken by a line break, and a prose word broken by one', () => {
    expect(pairs('报送市规划和自\n然资源局')).toEqual([['市规划和自\n然资源局', '吕梁市规划和自然资源局']]);
    expect(pairs('市规划和自然资源、住建、城市管理、发\n展改革委、新区')).toEqual([['发\n展改革委', '发展改革委']]);
    expect(pairs('三、工作要求\n财政局负责资金保障')).toEqual([]);
    expect(pairs('依\n托汾阳市人民医院建立', regionNames('汾阳市', null))).toEqual([
      ['汾阳市人民医院', '汾阳市人民医院'],
    ]);
  });

  it('does not report the tail of a wrapped word', () => {
    expect(pairs('按照国土\n资源部要求')).toEqual([]);
    expect(pairs('吕梁市人民政府市长办\n公会议纪要').map(([t]) => t)).toEqual(['吕梁市人民政府']);
  });

  it.each([
    ['格局', '形成新发展格局'],
    ['干部', '领导干部要带头'],
    ['部署', '安排部署工作'],
    ['办理', '及时办理手续'],
    ['全部', '全部完成'],
    ['a collective', '全市各级医院'],
    ['several levels', '市县两级人民政府'],
    ['市场', '规范市场秩序'],
    ['a post', '市长办公会议'],
    ['a bare suffix', '领导小组下设办公室'],
  ])('ignores %s', (_label, text) => {
    expect(orgs(text)).toEqual([]);
  });
});
