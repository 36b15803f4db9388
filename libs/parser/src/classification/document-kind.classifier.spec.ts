import { documentCategory, documentKind, endsWithKind, type CategoryInput } from './document-kind.classifier';

describe('documentKind', () => {
  it.each([
    ['汾阳市人民政府办公室关于印发《汾阳市重污染天气应急预案》的通知', '通知'],
    ['吕梁市人民政府关于收回吕梁能源科创有限公司国有建设用地使用权的决定', '决定'],
    ['临汾市人民政府关于尧都区2021年土地征收成片开发方案的批复', '批复'],
    ['临汾市人民政府关于…实施优化通行措施的通告', '通告'],
    ['某市人民政府公告', '公告'],
    ['中阳县人民政府办公室关于优化政府主导、企业出资建设项目审批流程的指导意见', '意见'],
    ['中阳县人民政府关于申报省级生态文明建设示范区的请示', '请示'],
    ['关于全市安全生产大检查情况的通报', '通报'],
    ['关于2023年工作情况的报告', '报告'],
    ['某市城市管理办法', '办法'],
    ['某市政务公开规定', '规定'],
    ['某市实施细则', '细则'],
    ['某市工作方案', '方案'],
    ['临汾市应急管理局临汾市地方煤矿安全监督管理局关于强化煤矿机电运输安全工作的若干措施', '措施'],
    ['中阳县人民政府关于山西离柳焦煤集团有限公司朱家店选煤厂技术改造项目的停产证明', '证明'],
    ['中阳县人民政府办公室关于征收疏干排水水资源税滞纳金的说明', '说明'],
    ['市政府常务会议纪要', '纪要'],
    ['关于…的命令', '命令'],
    ['关于…的议案', '议案'],
    ['关于…的决议', '决议'],
    ['某市2023年国民经济和社会发展统计公报', '公报'],
    ['某市物业管理条例', '条例'],
    ['某市人民政府工作规则', '规则'],
    ['关于政协提案的答复', '答复'],
    ['某市国土空间规划', '规划'],
    ['某市年度工作计划', '计划'],
    ['关于支持中阳农商行筹建事宜的函', '函'],
    ['某市人民政府令', '命令'],
  ])('%s ends in %s', (title, kind) => {
    expect(documentKind(title)).toBe(kind);
  });

  it('prefers the longer kind: 承诺函 over 函, 回复函 and 复函 as 复函', () => {
    expect(documentKind('中阳县人民政府关于…列入中阳县国土空间规划(2020-2035年)的承诺函')).toBe('承诺函');
    expect(documentKind('中阳县人民政府关于…(征求意见稿)的回复函')).toBe('复函');
    expect(documentKind('中阳县人民政府关于离隰高速在我县境内两处收费站命名的复函')).toBe('复函');
  });

  it.each([
    ['某市管理办法（试行）', '办法'],
    ['某市管理办法(征求意见稿)', '办法'],
    ['某市实施细则（2023年修订）（试行）', '细则'],
    ['关于…的通知（第二次）', '通知'],
  ])('looks through up to two trailing remarks: %s', (title, kind) => {
    expect(documentKind(title)).toBe(kind);
  });

  it('ignores spaces inside the kind', () => {
    expect(documentKind('关于做好全市第三次全国土壤普查工作的 通 知')).toBe('通知');
    expect(documentKind('关于…的 批 复')).toBe('批复');
  });

  it.each([
    ['关于做好工作'],
    ['某市老旧小区改造领导小组成员名单'],
    ['关于…的通知》'],
    ['（试行）'],
    ['关于…的倡议书'],
    [''],
  ])('finds no kind at the end of %p', (title) => {
    expect(documentKind(title)).toBeNull();
  });
});

describe('endsWithKind', () => {
  it('is true when a kind ends the text', () => {
    expect(endsWithKind('关于做好工作的通知')).toBe(true);
    expect(endsWithKind('一、总体要求')).toBe(false);
  });
});

describe('documentCategory', () => {
  const input = (
    title: string,
    kind: string | null,
    docNumber: string | null = null,
    section: string | null = null,
  ): CategoryInput => ({
    title,
    kind,
    docNumber,
    section,
  });

  it.each([
    input('汾阳市人民政府关于李建忠等同志任免职务的通知', '通知', '汾政发〔2023〕21号'),
    input('关于王海涛等同志职务任免的通知', '通知'),
    input('关于聘任张三为市政府参事的决定', '决定'),
    input('关于张三同志任职的通知', '通知'),
    input('吕梁市人民政府关于尹新明等20人任免职务的通知', '通知', '吕政任〔2023〕4号'),
    input('关于李四等同志的通知', '通知', '吕政任〔2023〕4号'),
    input('关于张三等同志的通知', '通知', null, '人事任免'),
  ])('$title is personnel', (doc) => {
    expect(documentCategory(doc)).toBe('personnel');
  });

  it.each([
    input('关于…的批复', '批复'),
    input('关于离隰高速在我县境内两处收费站命名的复函', '复函'),
    input('关于政协提案的答复', '答复'),
  ])('$title is an approval', (doc) => {
    expect(documentCategory(doc)).toBe('approval');
  });

  it.each([
    input('某市城市管理办法', '办法'),
    input('关于强化煤矿机电运输安全工作的若干措施', '措施'),
    input('关于…实施优化通行措施的通告', '通告'),
    input('关于优化建设项目审批流程的指导意见', '意见'),
    input('关于加强煤矿安全管理的通知', '通知', null, '市政府部门规范性文件'),
    input('关于印发《中阳县中心城区集体土地居民自建房规划建设审批管理办法（试行）》的通知', '通知'),
    input('关于印发汾阳市老旧小区改造攻坚行动方案（2021-2025年）的通知', '通知'),
    input('关于印发汾阳市老旧小区改造攻坚行动方案(2021-2025年)的通知', '通知'),
    input('关于转发省政府办公厅关于加强安全生产工作的意见的通知', '通知'),
  ])('$title is a regulation', (doc) => {
    expect(documentCategory(doc)).toBe('regulation');
  });

  it.each([
    input('关于做好全市第三次全国土壤普查工作的通知', '通知'),
    input('关于召开全市安全生产工作会议的通知', '通知'),
    input('关于成立某市工作领导小组的通知', '通知'),
    input('关于印发会议纪要的通知', '通知'),
    input('关于申报省级生态文明建设示范区的请示', '请示'),
    input('关于支持中阳农商行筹建事宜的函', '函'),
    input('关于某事项', null),
  ])('$title is other', (doc) => {
    expect(documentCategory(doc)).toBe('other');
  });

  it.each([
    input('关于进一步推进人事制度改革的意见', '意见'),
    input('关于印发《某市人事管理办法》的通知', '通知'),
    input('关于印发《某市干部任免工作办法》的通知', '通知'),
    input('关于转发省政府关于做好干部任免工作的意见的通知', '通知'),
  ])('$title is a regulation, not personnel: no appointment word before the kind, or something is issued', (doc) => {
    expect(documentCategory(doc)).toBe('regulation');
  });

  it('takes an appointment word far from the kind as not personnel', () => {
    expect(documentCategory(input('关于做好任免工作档案管理和全市干部人事信息系统建设的通知', '通知'))).toBe('other');
  });
});
