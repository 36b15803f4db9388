import { joinPersonnelText } from './personnel-text-cleaner';

describe('joinPersonnelText', () => {
  it('drops every line break and space, inside names and numbers too', () => {
    expect(joinPersonnelText('冯 峰为方山生态文化旅游示范区管\n委会副主任；退休待遇从 2023 年 4\n月起执行。')).toBe(
      '冯峰为方山生态文化旅游示范区管委会副主任；退休待遇从2023年4月起执行。',
    );
  });

  it('cuts the signature, the publicity note and the distribution list', () => {
    const text =
      '免去：\n王五的市财政局副局长职务。\n吕梁市人民政府\n2023 年 4 月 22 日\n（此件公开发布）\n抄送：市委各部门。';
    expect(joinPersonnelText(text)).toBe('免去：王五的市财政局副局长职务。');
  });

  it('cuts a date written in Chinese numerals and a half-width publicity note', () => {
    expect(joinPersonnelText('任命张三为市财政局局长。\n某市人民政府\n二〇二三年四月二十二日\n(此件公开发布)')).toBe(
      '任命张三为市财政局局长。',
    );
  });

  it('cuts only the issuer off an entry that lost its full stop', () => {
    expect(joinPersonnelText('免去王五的市财政局副局长职务\n吕梁市人民政府\n2023年4月22日')).toBe(
      '免去王五的市财政局副局长职务',
    );
  });

  it('removes page numbers left between pages', () => {
    expect(joinPersonnelText('任命张三为市财政局\n— 12 —\n局长。')).toBe('任命张三为市财政局局长。');
  });

  it('keeps a text that has no signature', () => {
    expect(joinPersonnelText('任命张三为市财政局局长')).toBe('任命张三为市财政局局长');
  });
});
