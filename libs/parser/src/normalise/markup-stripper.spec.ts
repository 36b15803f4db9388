import { decodeHtmlEntities, detectFormat, stripMarkup } from './markup-stripper';

const texts = (lines: { text: string }[]) => lines.map((l) => l.text.trim());

describe('detectFormat', () => {
  it.each([
    ['a doctype', '<!DOCTYPE html><html><body><p>公报</p></body></html>'],
    ['a leading <html>', '  <html>\n<p>公报</p>'],
    ['three block tags', '<p>甲</p>\n<p>乙</p>\n<div>丙</div>'],
    ['upper-case tags', '<P>甲</P>\n<BR/>\n<TABLE border=1>'],
  ])('recognises HTML by %s', (_label, text) => {
    expect(detectFormat(text)).toBe('html');
  });

  it('needs three HTML signs when the text does not open with <html> or a doctype', () => {
    expect(detectFormat('甲\n<p>乙</p>\n<br>')).toBe('text');
  });

  it('needs block tags on at least 30% of the non-blank lines, so stray tags in PDF text do not make it HTML', () => {
    const prose = Array.from({ length: 8 }, (_, i) => `正文第${i + 1}行`);
    expect(detectFormat(['<p>甲</p>', '<p>乙</p>', '<div>丙</div>', ...prose].join('\n'))).toBe('text');
    expect(detectFormat(['<p>甲</p>', '<p>乙</p>', '<div>丙</div>', ...prose.slice(0, 7)].join('\n'))).toBe('html');
    expect(detectFormat(`<!DOCTYPE html>\n${prose.join('\n')}`)).toBe('html');
  });

  it('recognises markdown by headings, bullets, table rows and quotes', () => {
    expect(detectFormat('# 汾阳市人民政府公报\n\n## 目录\n\n| 标题 | 页码 |\n- 列表项')).toBe('markdown');
    expect(detectFormat('> 甲\n> 乙\n> 丙')).toBe('markdown');
  });

  it('calls a gazette with fewer than three markdown signs plain text', () => {
    expect(detectFormat('吕梁市人民政府\n# 关于\n正文\n- 一项')).toBe('text');
    expect(detectFormat('吕梁市人民政府公报\n2023·3\n— 11 —')).toBe('text');
  });

  it('does not take "#" without a following space, or a dash page number, as markdown', () => {
    expect(detectFormat('#1\n#2\n#3\n-11-')).toBe('text');
  });
});

describe('decodeHtmlEntities', () => {
  it.each([
    ['A&amp;B', 'A&B'],
    ['&lt;p&gt;', '<p>'],
    ['&quot;x&quot; &apos;y&apos;', '"x" \'y\''],
    ['&ldquo;十四五&rdquo;', '“十四五”'],
    ['&lsquo;甲&rsquo;', '‘甲’'],
    ['2021&mdash;2025&ndash;x&hellip;', '2021—2025–x…'],
    ['&middot;&times;', '·×'],
    ['&#x4E00;&#x4e8c;&#19977;', '一二三'],
    ['&NBSP;&Amp;', ' &'],
  ])('decodes %s', (input, expected) => {
    expect(decodeHtmlEntities(input)).toBe(expected);
  });

  it('turns &nbsp;, &ensp; and &emsp; into spaces', () => {
    expect(decodeHtmlEntities('a&nbsp;b&ensp;c&emsp;d')).toBe('a b c d');
  });

  it('decodes once: an escaped entity stays an entity', () => {
    expect(decodeHtmlEntities('&amp;lt;')).toBe('&lt;');
  });

  it('leaves unknown names and impossible code points as printed', () => {
    expect(decodeHtmlEntities('&unknown; &#0; &#x110000; & ;')).toBe('&unknown; &#0; &#x110000; & ;');
  });
});

describe('stripMarkup (text and markdown)', () => {
  it('keeps each line with its 1-based source line and drops blank lines', () => {
    expect(stripMarkup('吕梁市人民政府\n\n  \n关于…的决定\n', 'text')).toEqual([
      { text: '吕梁市人民政府', line: 1 },
      { text: '关于…的决定', line: 4 },
    ]);
  });

  it('strips headings, bullets, quotes, emphasis and links', () => {
    const text =
      '# 汾阳市人民政府公报\n## 目录\n- 临汾市人民政府关于…的通知\n* 列表项\n+ 另一项\n> > 引用\n**全面排查。**各镇开展排查\n[链接](http://x.y) <http://a.b>';
    expect(texts(stripMarkup(text, 'markdown'))).toEqual([
      '汾阳市人民政府公报',
      '目录',
      '临汾市人民政府关于…的通知',
      '列表项',
      '另一项',
      '引用',
      '全面排查。各镇开展排查',
      '链接 http://a.b',
    ]);
  });

  it('strips markdown marks from plain-text input too, as PDF-to-text tools emit them', () => {
    expect(stripMarkup('吕梁市人民政府\n### 关于…的通知\n- 一、总体要求', 'text')).toEqual([
      { text: '吕梁市人民政府', line: 1 },
      { text: '关于…的通知', line: 2 },
      { text: '一、总体要求', line: 3 },
    ]);
  });

  it('keeps a table row as one line with its cells apart, and drops the rule under the header', () => {
    const lines = stripMarkup('| 姓名 | 职务 |\n|---|:---:|\n| 王国中 | 西河街道办事处主任 |', 'markdown');
    expect(lines.map((l) => l.line)).toEqual([1, 3]);
    expect(lines[1].text).toContain('王国中');
    expect(lines[1].text).toContain('西河街道办事处主任');
    expect(lines[1].text).not.toMatch(/^\s*\|/);
    expect(lines[1].text.trim()).toBe('王国中 | 西河街道办事处主任');
  });

  it.each([['---'], ['***'], ['- - -'], ['___'], ['|--|--|'], ['| :--- | ---: |']])(
    'drops the rule line %s',
    (rule) => {
      expect(stripMarkup(`甲\n${rule}\n乙`, 'text')).toEqual([
        { text: '甲', line: 1 },
        { text: '乙', line: 3 },
      ]);
    },
  );

  it.each([['- 11 -'], ['-- 11 --'], ['— 11 —']])('keeps the page number %s for the furniture filter', (page) => {
    expect(texts(stripMarkup(page, 'text'))).toEqual([page]);
  });

  it('keeps single asterisks and "#" not followed by a space', () => {
    expect(texts(stripMarkup('*注：以上数据为预计数\n#2 机组', 'text'))).toEqual(['*注：以上数据为预计数', '#2 机组']);
  });

  it('does not decode HTML entities outside HTML', () => {
    expect(texts(stripMarkup('A&amp;B', 'text'))).toEqual(['A&amp;B']);
  });

  it('detects the format itself when none is given', () => {
    expect(stripMarkup('<html>\n<p>甲</p>')).toEqual([{ text: '甲', line: 2 }]);
  });
});

describe('stripMarkup (HTML)', () => {
  it('removes tags and keeps the source line of each block', () => {
    const html = '<html><body>\n<p>吕梁市人民政府</p>\n<p>关于<b>收回</b>用地的<span>决定</span></p>\n</body></html>';
    expect(stripMarkup(html, 'html')).toEqual([
      { text: '吕梁市人民政府', line: 2 },
      { text: '关于收回用地的决定', line: 3 },
    ]);
  });

  it('splits a line holding several blocks into several lines with the same number', () => {
    expect(stripMarkup('<html>\n<div>甲</div><div>乙</div><p>丙<br>丁</p><h2>戊</h2><li>己</li>', 'html')).toEqual(
      ['甲', '乙', '丙', '丁', '戊', '己'].map((text) => ({ text, line: 2 })),
    );
  });

  it('gives a block whose opening tag spans lines the line the tag starts on, and keeps later numbers true', () => {
    const html = '<html>\n<p class="title"\n   style="text-align:center">临汾市人民政府</p>\n<p>关于…的通知</p>';
    expect(stripMarkup(html, 'html')).toEqual([
      { text: '临汾市人民政府', line: 2 },
      { text: '关于…的通知', line: 4 },
    ]);
  });

  it('keeps the line of each piece of a paragraph that is hard-wrapped inside one <p>', () => {
    expect(stripMarkup('<html>\n<p>现将有关事项\n通知如下：</p>\n<p>一、总体要求</p>', 'html')).toEqual([
      { text: '现将有关事项', line: 2 },
      { text: '通知如下：', line: 3 },
      { text: '一、总体要求', line: 4 },
    ]);
  });

  it('blanks head, script, style and comments but keeps the line numbers after them', () => {
    const html = [
      '<!DOCTYPE html><html><head><meta charset="utf-8">',
      '<title>公报</title>',
      '</head><body>',
      '<script>',
      'var a = "<p>不是正文</p>";',
      '</script>',
      '<style>p { color: red }</style>',
      '<!-- 注释',
      '<p>也不是正文</p> -->',
      '<p>正文</p>',
    ].join('\n');
    expect(stripMarkup(html, 'html')).toEqual([{ text: '正文', line: 10 }]);
  });

  it('keeps a table row that is printed on one line as one line with its cells apart', () => {
    const html =
      '<html>\n<table>\n<tr><td>姓名</td><td>职务</td></tr>\n<tr><th>王国中</th> <th>西河街道办事处主任</th></tr>\n</table>';
    const lines = stripMarkup(html, 'html');
    expect(lines.map((l) => l.line)).toEqual([3, 4]);
    expect(lines[1].text).toContain('王国中');
    expect(texts(lines)).toEqual(['姓名 | 职务', '王国中 | 西河街道办事处主任']);
  });

  it('decodes entities after the tags are gone, so escaped markup is text', () => {
    expect(texts(stripMarkup('<html>\n<p>&lt;p&gt;A&amp;B&nbsp;&ldquo;十四五&rdquo;</p>', 'html'))).toEqual([
      '<p>A&B “十四五”',
    ]);
  });

  it('handles upper-case tags and self-closing breaks', () => {
    expect(stripMarkup('<HTML>\n<P>甲</P>\n<BR/>乙', 'html')).toEqual([
      { text: '甲', line: 2 },
      { text: '乙', line: 3 },
    ]);
  });

  it('keeps text that stands outside any tag', () => {
    expect(stripMarkup('<html>\n吕梁市人民政府\n<p>关于…的决定</p>', 'html')).toEqual([
      { text: '吕梁市人民政府', line: 2 },
      { text: '关于…的决定', line: 3 },
    ]);
  });

  it('keeps a literal ">" in text', () => {
    expect(texts(stripMarkup('<html>\n<p>PM2.5 > 75</p>', 'html'))).toEqual(['PM2.5 > 75']);
  });

  it('gives the lines of the make-variants HTML the numbers of the text it came from', () => {
    const html = [
      '<!DOCTYPE html><html><head><meta charset="utf-8"><title>公报</title></head><body><h1>吕梁市人民政府公报</h1>',
      '',
      '<p> 吕梁市人民政府</p>',
      '<p>关于收回吕梁能源科创有限公司国有建设</p>',
      '',
      '<p>吕政发〔2023〕4 号</p></body></html>',
    ].join('\n');
    expect(stripMarkup(html)).toEqual([
      { text: '吕梁市人民政府公报', line: 1 },
      { text: ' 吕梁市人民政府', line: 3 },
      { text: '关于收回吕梁能源科创有限公司国有建设', line: 4 },
      { text: '吕政发〔2023〕4 号', line: 6 },
    ]);
  });

  it('splits a PDF-to-text line of inline HTML blocks (linfen-2022-11-12 line 768) at its blocks', () => {
    const line =
      '<p>发生特别重大校园安全事故,或者指挥部认为需要启动一级响应的情形时,采取以下应急措施:</p> <ol style="list-style-type: none"> 1. 落实一级响应的应急措施。 2. 认真贯彻落实党中央、国务院、省委、省政府领导同志的指示批示精神。';
    const lines = stripMarkup(`一级响应\t二级响应\n${line}`, 'html');
    expect(lines.map((l) => l.line)).toEqual([1, 2, 2]);
    expect(texts(lines)).toEqual([
      '一级响应\t二级响应',
      '发生特别重大校园安全事故,或者指挥部认为需要启动一级响应的情形时,采取以下应急措施:',
      '1. 落实一级响应的应急措施。 2. 认真贯彻落实党中央、国务院、省委、省政府领导同志的指示批示精神。',
    ]);
  });

  it('does not open a tag at a bare "<" in text, so the line numbers after it stay true', () => {
    const html = ['<html>', '<p>甲</p>', '<p>乙</p>', '正文 x<5 的区域', '丙', '丁', '<p>戊</p>'].join('\n');
    expect(stripMarkup(html)).toEqual([
      { text: '甲', line: 2 },
      { text: '乙', line: 3 },
      { text: '正文 x<5 的区域', line: 4 },
      { text: '丙', line: 5 },
      { text: '丁', line: 6 },
      { text: '戊', line: 7 },
    ]);
  });

  it.todo(
    'keeps a table row printed one <td> per line (<tr>\\n<td>张三</td>\\n<td>主任</td>\\n</tr>) as one row "张三 | 主任" (gives one line per cell)',
  );
});

describe('stripMarkup (PDF text with stray tags)', () => {
  it('strips markdown marks from a PDF-to-text file with a few inline <p> fragments', () => {
    const text = [
      '吕梁市人民政府公报',
      '<p>目录</p>',
      '- 关于做好工作的通知',
      '**全面排查。**各镇开展排查',
      '|--|--|',
      '| 姓名 | 职务 |',
      '<p>正文一</p>',
      '正文二',
      '正文三',
      '<p>正文四</p>',
      '正文五',
    ].join('\n');
    expect(detectFormat(text)).not.toBe('html');
    const out = texts(stripMarkup(text));
    expect(out).toEqual(
      expect.arrayContaining(['关于做好工作的通知', '全面排查。各镇开展排查', '姓名 | 职务', '正文五']),
    );
    expect(out.filter((l) => /^-\s|\*\*|\|-|^\|/.test(l))).toEqual([]);
    expect(out).toHaveLength(10); // the table rule is dropped
  });
});
