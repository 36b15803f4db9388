import { splitTopLevel } from './clause-splitter';

describe('splitTopLevel', () => {
  it('splits at separators outside brackets and quotes', () => {
    expect(splitTopLevel('各县（市、区）人民政府，市直各单位：任命：张三为“四·八，”馆馆长；', '，：；')).toEqual([
      { text: '各县（市、区）人民政府', separator: '，' },
      { text: '市直各单位', separator: '：' },
      { text: '任命', separator: '：' },
      { text: '张三为“四·八，”馆馆长', separator: '；' },
    ]);
  });

  it('does not split numbers at a comma or colon', () => {
    expect(splitTopLevel('补贴1,000元，10:30开会', ',，:').map((p) => p.text)).toEqual(['补贴1,000元', '10:30开会']);
  });

  it('does not let a stray bracket swallow the rest of the text', () => {
    const text = `（${'字'.repeat(80)}；张三为市财政局局长；`;
    expect(splitTopLevel(text, '；').map((p) => p.text)[1]).toBe('张三为市财政局局长');
  });
});
