import { isAttachmentItem, isHeadingBarrier, isTerminated, matchPublicity } from './line-roles';

describe('isTerminated', () => {
  it.each([['。'], ['；'], [';'], ['！'], ['!'], ['？'], ['?'], ['：'], [':'], ['，'], [','], ['、']])(
    'a line ending in %s is prose',
    (mark) => {
      expect(isTerminated(`各县（市、区）人民政府${mark}`)).toBe(true);
    },
  );

  it.each([['吕梁市人民政府'], ['关于做好工作的通知'], ['（此件公开发布）'], ['']])('%p is not terminated', (line) => {
    expect(isTerminated(line)).toBe(false);
  });
});

describe('matchPublicity', () => {
  it.each([
    ['（此件公开发布）', '此件公开发布'],
    ['(此件公开发布)', '此件公开发布'],
    ['(此件详见市政府网站)', '此件详见市政府网站'],
    ['（此件不予公开）', '此件不予公开'],
    ['（此件依申请公开）', '此件依申请公开'],
    ['（主动公开）', '主动公开'],
    ['（公开方式：主动公开）', '公开方式：主动公开'],
    ['（信息公开选项：依申请公开）', '信息公开选项：依申请公开'],
  ])('reads %s', (line, note) => {
    expect(matchPublicity(line)).toBe(note);
  });

  it.each([
    ['此件公开发布', 'no brackets'],
    ['（此件公开发布', 'no closing bracket'],
    ['（试行）', 'a title remark'],
    ['（2023年修订）', 'a title remark'],
    ['（此页无正文）', 'a page note'],
    ['（联系人：张三，电话：1234567）', 'a contact'],
    ['根据规定，此件公开发布。', 'a sentence'],
  ])('rejects %s (%s)', (line) => {
    expect(matchPublicity(line)).toBeNull();
  });
});

describe('isAttachmentItem', () => {
  it.each([
    ['附件：1.吕梁市…方案'],
    ['附件:'],
    ['附件1'],
    ['附件一'],
    ['附件2：某某名单'],
    ['1.完善业务设施条件'],
    ['1．完善'],
    ['1、完善'],
    ['12.'],
    ['2.某某计划'],
  ])('%s is an attachment list line', (line) => {
    expect(isAttachmentItem(line)).toBe(true);
  });

  it.each([['附件'], ['3.5张/千人'], ['123.某某'], ['（一）总体目标'], ['一、总体要求'], ['吕梁市人民政府']])(
    '%s is not',
    (line) => {
      expect(isAttachmentItem(line)).toBe(false);
    },
  );
});

describe('isHeadingBarrier', () => {
  it.each([
    ['现将有关事项通知如下：', 'a sentence end'],
    ['特此批复。', 'a sentence end'],
    ['2023年4月18日', 'a date line'],
    ['二〇二三年四月十八日', 'a date line in Chinese numerals'],
    ['（此件公开发布）', 'a publicity note'],
    ['吕政发〔2023〕4号', 'a doc number line'],
    ['【市政府文件】', 'a section heading'],
    ['目录', 'a TOC heading'],
    ['正'.repeat(141), 'more than 140 characters'],
  ])('%s is a barrier (%s)', (line) => {
    expect(isHeadingBarrier(line)).toBe(true);
  });

  it.each([
    ['吕梁市人民政府', 'an issuer line'],
    ['关于做好全市第三次全国土壤普查工作的通知', 'a title line'],
    ['各县（市、区）人民政府，', 'a line ending in a clause comma, as wrapped titles may'],
    ['关于东城区控规DC06-01-06地块、', 'a line ending in 、'],
    ['一、总体要求', 'a numbered heading'],
    ['正'.repeat(140), 'exactly 140 characters'],
  ])('%s is not a barrier (%s)', (line) => {
    expect(isHeadingBarrier(line)).toBe(false);
  });
});
