import { CJK_CHAR, joinLetterSpacing, normaliseLineText, squash, toHalfWidthAlnum } from './char-normaliser';

describe('toHalfWidthAlnum', () => {
  it.each([
    ['０１２３４５６７８９', '0123456789'],
    ['ＡＢＣＸＹＺ', 'ABCXYZ'],
    ['ａｂｃｘｙｚ', 'abcxyz'],
    ['２０２３年４月１８日', '2023年4月18日'],
    ['ＤＣ０６－０１', 'DC06－01'],
  ])('turns full-width letters and digits in %s half-width', (input, expected) => {
    expect(toHalfWidthAlnum(input)).toBe(expected);
  });

  it('keeps full-width punctuation and the ideographic space, which titles print as they are', () => {
    expect(toHalfWidthAlnum('（）〔〕，：；　！')).toBe('（）〔〕，：；　！');
  });

  it('leaves CJK and half-width text alone', () => {
    expect(toHalfWidthAlnum('吕政发〔2023〕4号 abc')).toBe('吕政发〔2023〕4号 abc');
  });
});

describe('joinLetterSpacing', () => {
  it.each([
    ['通 知', '通知'],
    ['咨 询 与 解 读', '咨询与解读'],
    ['张 勇', '张勇'],
    ['的 批 复', '的批复'],
    ['中 共 吕 梁 市 委', '中共吕梁市委'],
  ])('joins the letter-spaced word %s', (input, expected) => {
    expect(joinLetterSpacing(input)).toBe(expected);
  });

  it.each([
    ['临汾市应急管理局 临汾市地方煤矿安全监督管理局'],
    ['王 小明'],
    ['汾阳市人民政府办公室 关于印发'],
    ['A 股'],
    ['GAZETTE OF FENYANG'],
  ])('keeps the space between longer words in %s', (input) => {
    expect(joinLetterSpacing(input)).toBe(input);
  });

  it('joins only the spaced run and keeps the field separator next to it', () => {
    expect(joinLetterSpacing('通 知 abc 张 勇')).toBe('通知 abc 张勇');
    expect(joinLetterSpacing('第四期 季 刊')).toBe('第四期 季刊');
  });

  it('returns a line without spaces unchanged', () => {
    expect(joinLetterSpacing('吕梁市人民政府')).toBe('吕梁市人民政府');
  });
});

describe('normaliseLineText', () => {
  it.each([
    ['2023 年 12 月 28 日出版', '2023年12月28日出版'],
    ['2023 年第 4 期', '2023年第4期'],
    ['汾政发〔2023〕18 号', '汾政发〔2023〕18号'],
    ['“ 十四五 ”', '“十四五”'],
    ['《 通知 》', '《通知》'],
    ['各县人民政府 ：', '各县人民政府：'],
    ['DC06-01-06 地块', 'DC06-01-06地块'],
    ['第 1 页', '第1页'],
  ])('removes layout spaces between digits, CJK and CJK punctuation: %s', (input, expected) => {
    expect(normaliseLineText(input)).toBe(expected);
  });

  it.each([
    ['PM 2.5', 'PM 2.5'],
    ['10 kV 线路', '10 kV 线路'],
    ['110kV 变电站', '110kV 变电站'],
    ["GAZETTE OF THE PEOPLE'S GOVERNMENT", "GAZETTE OF THE PEOPLE'S GOVERNMENT"],
  ])('keeps spaces that separate Latin words or a Latin word from CJK: %s', (input, expected) => {
    expect(normaliseLineText(input)).toBe(expected);
  });

  it('half-widths full-width digits before matching dates', () => {
    expect(normaliseLineText('２０２３年４月１８日')).toBe('2023年4月18日');
  });

  it('turns ideographic spaces, tabs and no-break spaces into single spaces and trims', () => {
    expect(normaliseLineText('\u3000\u3000现将有关事项通知如下：')).toBe('现将有关事项通知如下：');
    expect(normaliseLineText('\u00a0\u00a0abc\tdef ')).toBe('abc def');
    expect(normaliseLineText('abc\u2002\u2003def')).toBe('abc def');
    expect(normaliseLineText('王国中\t西河街道办事处主任')).toBe('王国中 西河街道办事处主任');
  });

  it('removes zero-width characters, the BOM and soft hyphens', () => {
    expect(normaliseLineText('\ufeff吕梁\u200b市\u200d人民\u00ad政府\u2060')).toBe('吕梁市人民政府');
  });

  it.each([
    ['中政发〔2023〕 3 号', '中政发〔2023〕 3号'],
    ['“ 十四五 ” 规划', '“十四五” 规划'],
    ['吕梁市财政局（吕梁市国资委） 吕梁市人民政府', '吕梁市财政局（吕梁市国资委） 吕梁市人民政府'],
    ['吕梁市人民政府 （此件公开发布）', '吕梁市人民政府 （此件公开发布）'],
  ])(
    'keeps a space after a closing bracket or before an opening one, which may separate two names: %s',
    (input, expected) => {
      expect(normaliseLineText(input)).toBe(expected);
    },
  );

  it('joins letter-spaced characters before layout spaces are removed', () => {
    // linfen-2022-11-12 line 106: the run is joined; the space after the longer word stays (titles are squashed later).
    expect(normaliseLineText('关于做好全市第三次全国土壤普查工作的 通 知')).toBe(
      '关于做好全市第三次全国土壤普查工作的 通知',
    );
    expect(normaliseLineText('咨 询 与 解 读')).toBe('咨询与解读');
    expect(normaliseLineText('第 4 期 季 刊')).toBe('第4期季刊');
  });

  it('joins a letter-spaced word followed by a digit', () => {
    expect(normaliseLineText('附 件 1')).toBe('附件1');
  });

  it('joins letter-spaced characters that carry punctuation', () => {
    expect(normaliseLineText('（此 件 公 开 发 布 ）')).toBe('（此件公开发布）');
    expect(normaliseLineText('（ 此 件 公 开 发 布 ）')).toBe('（此件公开发布）');
  });

  it('takes a run of three or more spaces as a field separator, never joined across', () => {
    expect(normaliseLineText('王  勇    李  强')).toBe('王勇 李强');
  });

  it('keeps the space between joint issuers and between an issuer and 关于', () => {
    expect(normaliseLineText('临汾市应急管理局   临汾市地方煤矿安全监督管理局')).toBe(
      '临汾市应急管理局 临汾市地方煤矿安全监督管理局',
    );
    expect(normaliseLineText('汾阳市人民政府办公室 关于印发')).toBe('汾阳市人民政府办公室 关于印发');
  });

  it('returns an empty string for a line of spaces', () => {
    expect(normaliseLineText(' \u3000\t ')).toBe('');
  });
});

describe('squash', () => {
  it('removes every space, tab, ideographic space and line break', () => {
    expect(squash(' 吕梁市 \n人民\t政府\u3000公报 ')).toBe('吕梁市人民政府公报');
  });

  it('keeps punctuation', () => {
    expect(squash('吕政发〔2023〕4 号')).toBe('吕政发〔2023〕4号');
  });
});

describe('CJK_CHAR', () => {
  it('matches CJK ideographs and not Latin letters, digits or CJK punctuation', () => {
    expect(CJK_CHAR.test('政')).toBe(true);
    expect(CJK_CHAR.test('A1')).toBe(false);
    expect(CJK_CHAR.test('〔，。〕')).toBe(false);
  });
});
