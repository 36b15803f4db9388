import { isTitleLike, parsePositions } from './position-parser';

describe('parsePositions', () => {
  it('removes the trailing 职务 and a qualifier bracket', () => {
    expect(parsePositions('市财政局副局长（试用期一年）职务')).toEqual([
      { position: '市财政局副局长', qualifiers: ['试用期一年'] },
    ]);
  });

  it('reads any bracket after 职务 as a remark on the decision', () => {
    expect(parsePositions('市财政局局长职务（因到龄退休）')).toEqual([
      { position: '市财政局局长', qualifiers: ['因到龄退休'] },
    ]);
    expect(parsePositions('市财政局局长职务（待定）')).toEqual([{ position: '市财政局局长', qualifiers: ['待定'] }]);
  });

  it('keeps brackets that name the organisation or the post', () => {
    expect(parsePositions('市现代农业发展服务中心（市农村经济管理服务中心）副主任')).toEqual([
      { position: '市现代农业发展服务中心（市农村经济管理服务中心）副主任', qualifiers: [] },
    ]);
    expect(parsePositions('市工业产业发展中心（市工业技术研究所）主任（所长）')[0].position).toBe(
      '市工业产业发展中心（市工业技术研究所）主任（所长）',
    );
  });

  it.each([
    ['挂职两年'],
    ['兼职'],
    ['兼'],
    ['正处级'],
    ['副县级'],
    ['主持工作'],
    ['保留正处级待遇'],
    ['任期三年'],
    ['聘期三年'],
  ])('reads （%s） as a qualifier', (qualifier) => {
    expect(parsePositions(`市财政局副局长（${qualifier}）`)).toEqual([
      { position: '市财政局副局长', qualifiers: [qualifier] },
    ]);
  });

  it('splits at a 、 only after a complete post', () => {
    expect(parsePositions('市财政局局长、市审计局局长职务').map((p) => p.position)).toEqual([
      '市财政局局长',
      '市审计局局长',
    ]);
    expect(parsePositions('市委、市政府督查室主任').map((p) => p.position)).toEqual(['市委、市政府督查室主任']);
    expect(parsePositions('县（市、区）联络处主任').map((p) => p.position)).toEqual(['县（市、区）联络处主任']);
  });

  it('takes a probation printed without a bracket off the end', () => {
    expect(parsePositions('市财政局副局长试用期一年')).toEqual([
      { position: '市财政局副局长', qualifiers: ['试用期一年'] },
    ]);
  });

  it('drops 人选 from nominations only', () => {
    expect(parsePositions('市财政局局长人选', { candidacy: true })[0].position).toBe('市财政局局长');
    expect(parsePositions('市财政局局长候选人', { candidacy: true })[0].position).toBe('市财政局局长');
  });
});

describe('isTitleLike', () => {
  it.each(['市财政局局长', '市投资管理公司总会计师', '市残疾人联合会副理事长', '主任（所长）', '市政府副秘书长'])(
    '%s ends in a title',
    (post) => expect(isTitleLike(post)).toBe(true),
  );
  it.each(['市财政局', '市人民政府', '建议提案'])('%s does not', (post) => expect(isTitleLike(post)).toBe(false));
});
