import { findPeople, isPositionTitle } from './person.pattern';

function people(text: string): { persons: string[]; positions: string[] } {
  const { persons, positions } = findPeople(text);
  for (const e of [...persons, ...positions]) expect(text.slice(e.start, e.end)).toBe(e.text);
  return { persons: persons.map((e) => String(e.value)), positions: positions.map((e) => String(e.value)) };
}

describe('isPositionTitle', () => {
  it.each(['副市长', '局长', '市政府副秘书长', '市统计局副县级干部', '一级调研员', '市水利局党组成员'])(
    'accepts %s',
    (t) => {
      expect(isPositionTitle(t)).toBe(true);
    },
  );
  it.each(['市财政局', '工作', '长'])('rejects %s', (t) => {
    expect(isPositionTitle(t)).toBe(false);
  });
});

describe('findPeople', () => {
  it('reads a name before 同志 and the post after 为', () => {
    const { persons, positions } = findPeople('李建忠同志为市人民政府国防动员办公室主任。');
    expect(persons).toEqual([{ type: 'person', text: '李建忠', start: 0, end: 3, value: '李建忠' }]);
    expect(positions).toEqual([
      {
        type: 'position',
        text: '市人民政府国防动员办公室主任',
        start: 6,
        end: 20,
        value: '市人民政府国防动员办公室主任',
      },
    ]);
  });

  it('reads a removal "A同志B职务"', () => {
    expect(people('免去：\n司海滨同志市人民政府国防动员办公室主任职务；')).toEqual({
      persons: ['司海滨'],
      positions: ['市人民政府国防动员办公室主任'],
    });
  });

  it('reads 任命A为B without the qualifier', () => {
    expect(people('决定任命尹新明为吕梁经济技术开发区管委会主任（试用期一年）；')).toEqual({
      persons: ['尹新明'],
      positions: ['吕梁经济技术开发区管委会主任'],
    });
  });

  it('reads list items "A为B；" and "A的B职务；" over a line break', () => {
    const text =
      '任命：\n姚文郁为市商务局副局长；\n吕伟为市住房和城乡建设局副局长\n（试用期一年）；\n决定免去：\n刘晋萍的吕梁经济技术开发区管委会\n主任职务；';
    expect(people(text)).toEqual({
      persons: ['姚文郁', '吕伟', '刘晋萍'],
      positions: ['市商务局副局长', '市住房和城乡建设局副局长', '吕梁经济技术开发区管委会主任'],
    });
  });

  it('reads several posts after one name', () => {
    expect(people('任命张三为市财政局局长、市国资委主任。').positions).toEqual(['市财政局局长', '市国资委主任']);
  });

  it('reads posts printed before a name', () => {
    expect(people('办公室主任由市政府秘书长、办公室主任高雅铭同志兼任。')).toEqual({
      persons: ['高雅铭'],
      positions: ['市政府秘书长', '办公室主任'],
    });
    expect(people('办公室主任由市发展改革委主任张瑜庆同志兼任')).toEqual({
      persons: ['张瑜庆'],
      positions: ['市发展改革委主任'],
    });
  });

  it('does not take the end of a post as a surname', () => {
    expect(people('由局长王伟同志负责').persons).toEqual(['王伟']);
    expect(people('关于李建忠等同志任免职务的通知').persons).toEqual(['李建忠']);
  });

  it('reads list rows with a role label, padded names and several posts', () => {
    const text =
      '组 长：张潞萍 副市长\n副组长：王 渊 市委常委、常务副市长\n李睿煜 市农业农村局局长\n成 员：邢志伟 市发展和改革委员会副县级干部';
    const { persons, positions } = findPeople(text);
    expect(persons.map((e) => [e.text, e.value])).toEqual([
      ['张潞萍', '张潞萍'],
      ['王 渊', '王渊'],
      ['李睿煜', '李睿煜'],
      ['邢志伟', '邢志伟'],
    ]);
    expect(positions.map((e) => e.value)).toEqual([
      '副市长',
      '市委常委',
      '常务副市长',
      '市农业农村局局长',
      '市发展和改革委员会副县级干部',
    ]);
  });

  it('reads both people of a two-column row', () => {
    expect(people('高志荣\t县委组织部副部长\t高志伟\t县住房和城乡建设管理局局长').persons).toEqual([
      '高志荣',
      '高志伟',
    ]);
  });

  it('reads a contact person', () => {
    expect(people('联系人：王 健 电话：139 ****2654').persons).toEqual(['王健']);
    expect(people('联系人：王某某').persons).toEqual(['王某某']);
  });

  it('reads a signature line', () => {
    expect(people('市长 李云峰')).toEqual({ persons: ['李云峰'], positions: ['市长'] });
  });

  it.each([
    ['leaders in general', '认真贯彻省委、省政府领导同志的指示'],
    ['people in charge', '主要负责同志要亲自挂帅，有关负责同志要到位'],
    ['a plan', '本方案为市政府工作方案。'],
    ['a heading with spaces', '附件 临汾市第三次全国土壤普查领导小组 人员名单'],
    ['running prose', '张三负责此事，李四协助'],
    ['a row without a post', '目 录'],
    ['an appointment clause without a post', '王某为了工作'],
  ])('ignores %s', (_label, text) => {
    expect(people(text)).toEqual({ persons: [], positions: [] });
  });
});
