import { parsePost, postKey } from './post.parser';

const LVLIANG = { region: '吕梁市' };
const ZHONGYANG = { region: '中阳县' };
const FENYANG = { region: '汾阳市' };

describe('parsePost', () => {
  it.each([
    ['市人民政府国防动员办公室主任', FENYANG, '市人民政府国防动员办公室', '汾阳市人民政府国防动员办公室', '主任'],
    ['吕梁经济技术开发区管委会副主任', LVLIANG, '吕梁经济技术开发区管委会', '吕梁经济技术开发区管委会', '副主任'],
    [
      '市现代农业发展服务中心（市农村经济管理服务中心）副主任',
      LVLIANG,
      '市现代农业发展服务中心（市农村经济管理服务中心）',
      '吕梁市现代农业发展服务中心（市农村经济管理服务中心）',
      '副主任',
    ],
    [
      '市工业产业发展中心（市工业技术研究所）主任（所长）',
      LVLIANG,
      '市工业产业发展中心（市工业技术研究所）',
      '吕梁市工业产业发展中心（市工业技术研究所）',
      '主任（所长）',
    ],
    ['市政府副秘书长', LVLIANG, '市政府', '吕梁市人民政府', '副秘书长'],
    ['兴县“四·八”烈士纪念馆馆长', LVLIANG, '兴县“四·八”烈士纪念馆', '兴县“四·八”烈士纪念馆', '馆长'],
    [
      '市残疾人联合会第八届执行理事会副理事长',
      LVLIANG,
      '市残疾人联合会第八届执行理事会',
      '吕梁市残疾人联合会第八届执行理事会',
      '副理事长',
    ],
    ['市公安局刑事案件侦查支队支队长', LVLIANG, '市公安局刑事案件侦查支队', '吕梁市公安局刑事案件侦查支队', '支队长'],
    ['市卫生健康综合行政执法队队长', LVLIANG, '市卫生健康综合行政执法队', '吕梁市卫生健康综合行政执法队', '队长'],
    ['市投资管理公司总会计师', LVLIANG, '市投资管理公司', '吕梁市投资管理公司', '总会计师'],
    ['市投资管理公司经理', LVLIANG, '市投资管理公司', '吕梁市投资管理公司', '经理'],
    ['市人民政府驻北京联络处主任', LVLIANG, '市人民政府驻北京联络处', '吕梁市人民政府驻北京联络处', '主任'],
    [
      '汾阳杏花村经济技术开发区管委会副主任',
      LVLIANG,
      '汾阳杏花村经济技术开发区管委会',
      '汾阳杏花村经济技术开发区管委会',
      '副主任',
    ],
    ['山西交城经济开发区管委会副主任', LVLIANG, '山西交城经济开发区管委会', '山西交城经济开发区管委会', '副主任'],
    ['市政府办公室副主任', FENYANG, '市政府办公室', '汾阳市人民政府办公室', '副主任'],
  ])('splits %s', (position, context, organisation, organisation_full, title) => {
    const post = parsePost(position, context);
    expect(post).toEqual({
      organisation,
      organisation_full,
      title,
      key: (organisation_full + title).normalize('NFKC'),
    });
  });

  it.each([
    ['市财政局副局长', '吕梁市财政局', '副局长'],
    ['市政府办公室主任', '吕梁市人民政府办公室', '主任'],
    ['市人民政府副秘书长', '吕梁市人民政府', '副秘书长'],
    ['市政府办副主任', '吕梁市人民政府办公室', '副主任'],
    ['市市场监督管理局局长', '吕梁市市场监督管理局', '局长'],
    ['市北武当山风景名胜区管理中心主任', '吕梁市北武当山风景名胜区管理中心', '主任'],
    ['副市长', '吕梁市人民政府', '副市长'],
    ['吕梁市市长', '吕梁市人民政府', '市长'],
    ['市委、市政府督查室主任', '吕梁市委、吕梁市人民政府督查室', '主任'],
  ])('resolves %s in 吕梁市', (position, organisation_full, title) => {
    expect(parsePost(position, LVLIANG)).toMatchObject({ organisation_full, title });
  });

  it.each([
    ['县财政局局长', '中阳县财政局', '局长'],
    ['县政府办公室副主任', '中阳县人民政府办公室', '副主任'],
    ['县人民政府副县长', '中阳县人民政府', '副县长'],
    ['常务副县长', '中阳县人民政府', '常务副县长'],
    // A 市 body named in a county gazette cannot be tied to a city from the text: kept as printed.
    ['市财政局局长', '市财政局', '局长'],
    ['兴县“四·八”烈士纪念馆馆长', '兴县“四·八”烈士纪念馆', '馆长'],
  ])('resolves %s in 中阳县', (position, organisation_full, title) => {
    expect(parsePost(position, ZHONGYANG)).toMatchObject({ organisation_full, title });
  });

  it('leaves short forms as printed without a region, but still spells out 政府', () => {
    expect(parsePost('市政府副秘书长', { region: null })).toMatchObject({
      organisation_full: '市人民政府',
      key: '市人民政府副秘书长',
    });
  });

  it('gives the short and the full spelling of a post one key', () => {
    const keys = ['市政府副秘书长', '市人民政府副秘书长', '吕梁市人民政府副秘书长', '吕梁市政府 副秘书长'].map(
      (position) => parsePost(position, LVLIANG).key,
    );
    expect(new Set(keys)).toEqual(new Set(['吕梁市人民政府副秘书长']));
  });

  it('normalises width in the key but keeps the printed brackets for display', () => {
    const full = parsePost('市工业产业发展中心（市工业技术研究所）主任（所长）', LVLIANG);
    const half = parsePost('市工业产业发展中心(市工业技术研究所)主任(所长)', LVLIANG);
    expect(full.key).toBe(half.key);
    expect(full.key).toBe('吕梁市工业产业发展中心(市工业技术研究所)主任(所长)');
    expect(full.title).toBe('主任（所长）');
  });

  it('keeps any bracket after a title with the title', () => {
    expect(parsePost('市工业技术研究所副所长（副主任）', LVLIANG)).toMatchObject({
      organisation: '市工业技术研究所',
      title: '副所长（副主任）',
    });
    expect(parsePost('市财政局局长（正处级）', LVLIANG).title).toBe('局长（正处级）');
  });

  it('reads a bracket inside the organisation as part of its name', () => {
    expect(parsePost('县（市、区）联络处主任', LVLIANG)).toMatchObject({
      organisation: '县（市、区）联络处',
      title: '主任',
    });
  });

  it.each([
    ['市政府办公室一级调研员', '一级调研员'],
    ['市委常委', '常委'],
    ['市财政局党组书记', '书记'],
    ['市某某站副站长', '副站长'],
    ['某某公司副总经理', '副总经理'],
    ['市政协副主席', '副主席'],
    ['某某委员会主任委员', '主任委员'],
    ['市防汛抗旱指挥部成员', '成员'],
  ])('takes the title of %s', (position, title) => {
    expect(parsePost(position, LVLIANG).title).toBe(title);
  });

  it('keeps a position with no known title whole as the organisation', () => {
    expect(parsePost('市某某中心', LVLIANG)).toEqual({
      organisation: '市某某中心',
      organisation_full: '吕梁市某某中心',
      title: '',
      key: '吕梁市某某中心',
    });
  });

  it('normalises a key given by a caller', () => {
    expect(postKey('吕梁市人民政府 ', '副秘书长')).toBe('吕梁市人民政府副秘书长');
  });
});
