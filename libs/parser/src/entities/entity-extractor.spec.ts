import type { Entity, EntityType } from '../model/gazette.model';
import { type EntityContext, extractEntities } from './entity-extractor';

function extract(text: string, context: EntityContext): Entity[] {
  const found = extractEntities(text, context);
  for (const e of found) expect(text.slice(e.start, e.end)).toBe(e.text);
  for (let k = 1; k < found.length; k++) expect(found[k].start).toBeGreaterThanOrEqual(found[k - 1].start);
  return found;
}

const ofType = (found: Entity[], type: EntityType): unknown[] =>
  found.filter((e) => e.type === type).map((e) => e.value);

const LVLIANG: EntityContext = {
  year: 2023,
  region: '吕梁市',
  publisher: '吕梁市人民政府',
  ownDocNumber: '吕政发〔2023〕4号',
};

/** lvliang-2023.txt, first document, line breaks of the PDF partly left in. */
const LAND_DECISION = [
  '吕梁市人民政府',
  '关于收回吕梁能源科创有限公司国有建设用地使用权的决定',
  '吕政发〔2023〕4 号',
  '吕梁能源科创有限公司：',
  '根据你单位《关于交回吕梁市新区金融商业组团 XC-79 地块的申请》（吕能科创发',
  '〔2022〕3 号）及市政府常务会议纪要〔2022〕10 次精神，依据《中华人民共和国土地',
  '管理法》《土地储备管理办法》《吕梁市规划区土地储备实施办法》相关规定，作出如下决定：',
  '一、收回你单位位于吕梁新区金融商业组团内，规划七号湖以东，经五路以西国有建设用地使用权，面积为 26356.26 平方米。',
  '二、土地补偿费用按照土地评估价为 8064.6729 万元。',
  '三、收回的国有建设用地由市土地储备中心储备管理，具体位置以《土地勘测定界技术报告书》编号：HYKJ2021-25 号为准。',
  '四、请你单位尽快到土地登记机关办理国有建设用地的使用权注销登记。',
  '吕梁市人民政府',
  '2023 年 4 月 18 日',
  '（此件公开发布）',
  '咨询单位：吕梁市规划和自然资源局',
  '咨询电话：8296746 扫码咨询',
].join('\n');

/** fenyang-2023-4.txt, the personnel notice. */
const PERSONNEL_NOTICE = [
  '汾阳市人民政府 关于李建忠等同志任免职务的通知',
  '汾政发〔2023〕21号',
  '各镇人民政府、街道办事处，市人民政府各办、局，管委会，市直各企事业单位，省市驻汾单位：',
  '经11月24日市人民政府党组会议研究，决定任命：',
  '李建忠同志为市人民政府国防动员办公室主任。',
  '免去：',
  '司海滨同志市人民政府国防动员办公室主任职务；',
  '冯国华同志市政府办公室副主任职务。',
  '汾阳市人民政府',
  '2023年11月24日',
  '(此件公开发布)',
].join('\n');

describe('extractEntities on real documents', () => {
  const found = extract(LAND_DECISION, LVLIANG);

  it('types its own number and the cited one', () => {
    expect(ofType(found, 'doc_number')).toEqual(['吕政发〔2023〕4号']);
    expect(ofType(found, 'cited_doc_number')).toEqual(['吕能科创发〔2022〕3号']);
  });

  it('reads the cited titles, with the number printed after the first', () => {
    const laws = found.filter((e) => e.type === 'law');
    expect(laws.map((e) => e.value)).toEqual([
      '关于交回吕梁市新区金融商业组团XC-79地块的申请',
      '中华人民共和国土地管理法',
      '土地储备管理办法',
      '吕梁市规划区土地储备实施办法',
      '土地勘测定界技术报告书',
    ]);
    expect(laws[0].doc_number).toBe('吕能科创发〔2022〕3号');
  });

  it('reads the organisations outside the titles, tied to the region', () => {
    expect(ofType(found, 'organisation')).toEqual([
      '吕梁市人民政府',
      '吕梁能源科创有限公司',
      '吕梁能源科创有限公司',
      '吕梁市人民政府',
      '吕梁市土地储备中心',
      '吕梁市人民政府',
      '吕梁市规划和自然资源局',
    ]);
  });

  it('reads the area, the amount, the date and the phone', () => {
    expect(found.filter((e) => e.type === 'area').map((e) => [e.value, e.unit])).toEqual([[26356.26, '平方米']]);
    expect(found.filter((e) => e.type === 'money').map((e) => [e.value, e.unit])).toEqual([[80646729, '万元']]);
    expect(ofType(found, 'date')).toEqual(['2023-04-18']);
    expect(ofType(found, 'phone')).toEqual(['8296746']);
  });

  it('reads the people and posts of a personnel notice', () => {
    const notice = extract(PERSONNEL_NOTICE, { year: 2023, region: '汾阳市', publisher: '汾阳市人民政府' });
    expect(ofType(notice, 'doc_number')).toEqual(['汾政发〔2023〕21号']);
    expect(ofType(notice, 'person')).toEqual(['李建忠', '李建忠', '司海滨', '冯国华']);
    expect(ofType(notice, 'position')).toEqual([
      '市人民政府国防动员办公室主任',
      '市人民政府国防动员办公室主任',
      '市政府办公室副主任',
    ]);
    expect(ofType(notice, 'date')).toEqual(['2023-11-24', '2023-11-24']);
    expect(ofType(notice, 'organisation')).toContain('汾阳市人民政府办公室');
  });
});

describe('extractEntities', () => {
  it('takes a number alone on a heading line as its own when the context does not say', () => {
    const found = extract(PERSONNEL_NOTICE, { year: 2023, region: null, publisher: null });
    expect(ofType(found, 'doc_number')).toEqual(['汾政发〔2023〕21号']);
  });

  it('types every number as cited when the document has none', () => {
    const found = extract(PERSONNEL_NOTICE, { year: 2023, region: null, publisher: null, ownDocNumber: null });
    expect(ofType(found, 'doc_number')).toEqual([]);
    expect(ofType(found, 'cited_doc_number')).toEqual(['汾政发〔2023〕21号']);
  });

  it('compares the own number in normalised form', () => {
    const found = extract('吕政发[2023]4 号', { ...LVLIANG, ownDocNumber: '吕政发（2023）4号' });
    expect(ofType(found, 'doc_number')).toEqual(['吕政发〔2023〕4号']);
  });

  it('does not report names inside a title or a number', () => {
    const text = '《山西省人民政府关于做好第三次全国土壤普查工作的通知》(晋政发〔2022〕11号)';
    const found = extract(text, LVLIANG);
    expect(found.map((e) => e.type)).toEqual(['law', 'cited_doc_number']);
    expect(found[0].doc_number).toBe('晋政发〔2022〕11号');
  });

  it('prefers a phone or a date to an amount read from the same digits', () => {
    const found = extract('电 话：(0358) 5300600，于2023.4.18发布', LVLIANG);
    expect(found.map((e) => [e.type, e.value])).toEqual([
      ['phone', '0358-5300600'],
      ['date', '2023-04-18'],
    ]);
  });

  it('returns nothing for empty text', () => {
    expect(extractEntities('', LVLIANG)).toEqual([]);
  });

  it('stays linear on a megabyte of text', () => {
    const unit = `${LAND_DECISION}\n${PERSONNEL_NOTICE}\n`;
    const text = unit.repeat(Math.ceil(1_000_000 / unit.length));
    const t0 = performance.now();
    const found = extractEntities(text, LVLIANG);
    const elapsed = performance.now() - t0;
    expect(found.length).toBeGreaterThan(10_000);
    // about 0.1 s on a laptop; the bound leaves room for slow CI machines
    expect(elapsed).toBeLessThan(3000);
  });
});
