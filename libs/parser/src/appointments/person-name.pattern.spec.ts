import { hasKnownSurname, isPersonName, splitPersonList } from './person-name.pattern';

describe('person names', () => {
  it.each(['张三', '尹新明', '李为民', '欧阳小明', '任建忠', '刘珍和', '阿不都·热合曼'])('%s is a name', (name) => {
    expect(isPersonName(name)).toBe(true);
  });

  it.each(['全市', '该局', '任职时间', '以上同志', '市财政局长', '其中', '张', '张三李四王五'])(
    '%s is not a name',
    (text) => expect(isPersonName(text)).toBe(false),
  );

  it('knows common and compound surnames', () => {
    expect(hasKnownSurname('尹新明')).toBe(true);
    expect(hasKnownSurname('司马光')).toBe(true);
    expect(hasKnownSurname('买买提')).toBe(false);
  });

  it('splits a list of names and drops 同志', () => {
    expect(splitPersonList('张三、李四同志')).toEqual(['张三', '李四']);
    expect(splitPersonList('张三、市财政局')).toBeNull();
  });
});
