import type { SourceLine } from '../model/gazette.model';
import { normaliseGazette } from '../normalise/gazette-normaliser';
import { isTocHeading, matchBracketSection, parseToc } from './toc.parser';

/** Lines numbered from 1, as the normaliser would give them. */
const lines = (...texts: string[]): SourceLine[] => texts.map((text, i) => ({ text, line: i + 1 }));
const toc = (ls: SourceLine[]) => parseToc(ls, 0, ls.length);
const titles = (ls: SourceLine[]) => toc(ls).entries.map((e) => e.title);

describe('isTocHeading', () => {
  it.each([['目录'], ['目 录'], ['目次'], ['本期目录']])('%s is a TOC heading', (text) => {
    expect(isTocHeading(text)).toBe(true);
  });

  it.each([['目录表'], ['政府信息公开目录'], ['CONTENTS']])('%s is not', (text) => {
    expect(isTocHeading(text)).toBe(false);
  });
});

describe('matchBracketSection', () => {
  it.each([
    ['【市政府文件】', '市政府文件'],
    ['[市政府文件]', '市政府文件'],
    ['［ 人事任免 ］', '人事任免'],
    ['〖市政府部门规范性文件〗', '市政府部门规范性文件'],
  ])('%s is the section %s', (text, section) => {
    expect(matchBracketSection(text)).toBe(section);
  });

  it.each([
    ['【甲】', 'one character'],
    [`【${'甲'.repeat(21)}】`, 'more than 20 characters'],
    ['【市政府文件】续', 'text after the bracket'],
    ['【市政府文件', 'no closing bracket'],
    ['（市政府文件）', 'round brackets'],
    ['〔2023〕', 'a year bracket'],
  ])('%s is not a section (%s)', (text) => {
    expect(matchBracketSection(text)).toBeNull();
  });
});

describe('parseToc', () => {
  it('finds nothing without a TOC heading in the range', () => {
    const ls = lines('某市人民政府关于做好工作的通知……1');
    expect(parseToc(ls, 0, ls.length)).toEqual({ entries: [], start: -1 });
    expect(parseToc(lines('目录', '甲关于做好工作的通知……1'), 1, 2)).toEqual({ entries: [], start: -1 });
  });

  it('reads title, page, section and the line of each entry', () => {
    const result = toc(
      lines(
        '目录',
        '【市政府文件】',
        '某市人民政府关于做好工作的通知……1',
        '【人事任免】',
        '某市人民政府关于张三等同志任免职务的通知……76',
      ),
    );
    expect(result.start).toBe(0);
    expect(result.entries).toEqual([
      { section: '市政府文件', title: '某市人民政府关于做好工作的通知', doc_number: null, page: '1', line: 3 },
      { section: '人事任免', title: '某市人民政府关于张三等同志任免职务的通知', doc_number: null, page: '76', line: 5 },
    ]);
  });

  it.each([
    ['……12'],
    ['…12'],
    ['.....12'],
    ['...12'],
    ['·····12'],
    ['・・12'],
    ['⋯⋯12'],
    ['---12'],
    ['……　12'],
    ['(12)'],
    ['（12）'],
  ])('reads the page after %s', (suffix) => {
    const entries = toc(lines('目录', `某市人民政府关于做好工作的通知${suffix}`)).entries;
    expect(entries).toEqual([expect.objectContaining({ title: '某市人民政府关于做好工作的通知', page: '12' })]);
  });

  it('splits a trailing doc number off the title, in any bracket', () => {
    const entries = toc(
      lines(
        '目录',
        '某市人民政府关于做好工作的通知(某政发〔2023〕3号)……1',
        '某市人民政府办公室关于做好工作的通知（某政办发(2023)14号）……5',
      ),
    ).entries;
    expect(entries.map((e) => [e.title, e.doc_number])).toEqual([
      ['某市人民政府关于做好工作的通知', '某政发〔2023〕3号'],
      ['某市人民政府办公室关于做好工作的通知', '某政办发〔2023〕14号'],
    ]);
  });

  it('joins an entry wrapped over lines and gives it the line of its first line', () => {
    const entries = toc(
      lines('目录', '某市人民政府关于印发某市', '“十四五”规划的通知', '(某政发〔2023〕3', '号).....34'),
    ).entries;
    expect(entries).toEqual([
      {
        section: null,
        title: '某市人民政府关于印发某市“十四五”规划的通知',
        doc_number: '某政发〔2023〕3号',
        page: '34',
        line: 2,
      },
    ]);
  });

  it('takes a page whose leaders end the line before it', () => {
    expect(
      toc(lines('目录', '甲关于做好工作的通知……', '76', '乙关于做好工作的批复……80')).entries.map((e) => e.page),
    ).toEqual(['76', '80']);
  });

  it('closes an entry at its doc number when the TOC prints no pages', () => {
    const entries = toc(
      lines(
        '目录',
        '某市人民政府关于做好工作的通知',
        '（某政发〔2023〕1号）',
        '某市人民政府关于做好工作的批复（某政函〔2023〕2号）',
      ),
    ).entries;
    expect(entries).toEqual([
      { section: null, title: '某市人民政府关于做好工作的通知', doc_number: '某政发〔2023〕1号', page: null, line: 2 },
      { section: null, title: '某市人民政府关于做好工作的批复', doc_number: '某政函〔2023〕2号', page: null, line: 4 },
    ]);
  });

  it('takes a short bare line as a section when the TOC has no bracketed sections', () => {
    const entries = toc(
      lines('目录', '县政府文件', '甲关于做好工作的通知……1', '县政府办公室文件', '乙关于做好工作的通知……9'),
    ).entries;
    expect(entries.map((e) => e.section)).toEqual(['县政府文件', '县政府办公室文件']);
  });

  it('does not take a bare line as a section when the TOC brackets its sections', () => {
    const entries = toc(lines('目录', '【市政府文件】', '某市人民政府关于做好工作的', '通知……1')).entries;
    expect(entries).toEqual([
      expect.objectContaining({ section: '市政府文件', title: '某市人民政府关于做好工作的通知', line: 3 }),
    ]);
  });

  it('skips a repeated masthead and 目录 between pages of the TOC and keeps the section headings', () => {
    const entries = toc(
      lines(
        '目录',
        '【市政府文件】',
        '甲关于做好工作的通知……1',
        '某市人民政府公报',
        '2023年第4期',
        '2023年12月28日出版',
        '目录',
        '【人事任免】',
        '乙关于张三任免职务的通知……76',
      ),
    ).entries;
    expect(entries.map((e) => [e.section, e.title, e.line])).toEqual([
      ['市政府文件', '甲关于做好工作的通知', 3],
      ['人事任免', '乙关于张三任免职务的通知', 9],
    ]);
  });

  it('skips English masthead lines', () => {
    expect(titles(lines('目录', 'CONTENTS', "GAZETTE OF THE PEOPLE'S GOVERNMENT", '甲关于做好工作的通知……5'))).toEqual([
      '甲关于做好工作的通知',
    ]);
  });

  it('stops at the given end', () => {
    expect(parseToc(lines('目录', '甲关于做好工作的通知……1', '乙关于做好工作的通知……2'), 0, 2).entries).toHaveLength(1);
  });

  it('gives up an entry that runs past 300 characters without a page', () => {
    expect(titles(lines('目录', '正'.repeat(310), '甲关于做好工作的通知……5'))).toEqual(['甲关于做好工作的通知']);
  });

  it('reads the two-page TOC of fenyang-2023-4 (lines 41-78)', () => {
    const text = [
      '目 录',
      '',
      '【市政府办公室文件】',
      '',
      '汾阳市人民政府办公室关于印发汾阳市老旧小区改造攻坚行动方案（2021-2025 年）的通知……………12',
      '',
      '汾阳市人民政府公报',
      '',
      "GAZETTE OF THE PEOPLE'S GOVERNMENT",
      'OF FENYANG CITY',
      '',
      '2023 年第 4 期',
      '',
      '季 刊',
      '',
      '主办：汾阳市人民政府办公室',
      '',
      '2023 年 12 月 28 日出版',
      '',
      '目 录',
      '',
      '【人事任免】',
      '',
      '汾阳市人民政府关于李建忠等同志任免职务的通知...76',
    ].join('\n');
    expect(toc(normaliseGazette(text).lines).entries).toEqual([
      {
        section: '市政府办公室文件',
        title: '汾阳市人民政府办公室关于印发汾阳市老旧小区改造攻坚行动方案（2021-2025年）的通知',
        doc_number: null,
        page: '12',
        line: 5,
      },
      {
        section: '人事任免',
        title: '汾阳市人民政府关于李建忠等同志任免职务的通知',
        doc_number: null,
        page: '76',
        line: 24,
      },
    ]);
  });

  it('reads wrapped entries with numbers split over lines (zhongyang-2023-2 lines 50-64 and 84)', () => {
    const text = [
      '目 录',
      '',
      '县政府文件',
      '',
      '中阳县人民政府关于印发《中阳县妇女发展“十四',
      '五”规划和儿童发展“十四五”规划》的通知(中政',
      '发〔2023〕5号).....37',
      '',
      '中阳县人民政府关于申报省级生态文明建设示范区的请示(中政函〔2023〕42号)·····\t137',
    ].join('\n');
    expect(toc(normaliseGazette(text).lines).entries).toEqual([
      {
        section: '县政府文件',
        title: '中阳县人民政府关于印发《中阳县妇女发展“十四五”规划和儿童发展“十四五”规划》的通知',
        doc_number: '中政发〔2023〕5号',
        page: '37',
        line: 5,
      },
      {
        section: '县政府文件',
        title: '中阳县人民政府关于申报省级生态文明建设示范区的请示',
        doc_number: '中政函〔2023〕42号',
        page: '137',
        line: 9,
      },
    ]);
  });

  it('reads bullet entries with the number and page on the next line (linfen-2022-11-12 lines 23-28)', () => {
    const text = [
      '目 录',
      '',
      '【市政府文件】',
      '',
      '- 临汾市人民政府关于印发临汾市“十四五”新技术发展规划的通知',
      '(临政发〔2022〕28 号) (1)',
    ].join('\n');
    expect(toc(normaliseGazette(text).lines).entries).toEqual([
      {
        section: '市政府文件',
        title: '临汾市人民政府关于印发临汾市“十四五”新技术发展规划的通知',
        doc_number: '临政发〔2022〕28号',
        page: '1',
        line: 5,
      },
    ]);
  });

  it('keeps the first line of a wrapped entry that contains 期 or 关于 (linfen-2022-11-12 lines 56-63)', () => {
    const text = [
      '目 录',
      '',
      '【市政府办公室文件】',
      '',
      '- 临汾市人民政府办公室印发关于加快推进 2022 年省市重点项目、做好 2023 年项目谋划及前期手续',
      '办理工作方案的通知(临政办发〔2022〕47 号) (27)',
      '- 临汾市人民政府办公室关于印发临汾市深化医药卫生体制改革近期重点工作任务的通知',
      '(临政办发〔2022〕48 号) (30)',
      '- 临汾市人民政府办公室关于做好近期促进经济运行有关重点工作的通知',
      '(临政办函〔2022〕37 号) (35)',
    ].join('\n');
    expect(toc(normaliseGazette(text).lines).entries.map((e) => [e.title, e.doc_number, e.page, e.line])).toEqual([
      [
        '临汾市人民政府办公室印发关于加快推进2022年省市重点项目、做好2023年项目谋划及前期手续办理工作方案的通知',
        '临政办发〔2022〕47号',
        '27',
        5,
      ],
      ['临汾市人民政府办公室关于印发临汾市深化医药卫生体制改革近期重点工作任务的通知', '临政办发〔2022〕48号', '30', 7],
      ['临汾市人民政府办公室关于做好近期促进经济运行有关重点工作的通知', '临政办函〔2022〕37号', '35', 9],
    ]);
  });

  it.each([['某市人民政府关于公布第二批主办单位的通知……3'], ['某市人民政府关于2023年第1期培训班的通知……3']])(
    'does not take an entry with masthead words for masthead: %s',
    (line) => {
      expect(toc(lines('目录', line)).entries).toHaveLength(1);
    },
  );

  it('reads a page wrapped onto a line of its own after a single leader dot', () => {
    expect(
      toc(lines('目录', '甲关于做好工作的通知', '.76', '乙关于做好工作的批复……80')).entries.map((e) => [
        e.title,
        e.page,
        e.line,
      ]),
    ).toEqual([
      ['甲关于做好工作的通知', '76', 2],
      ['乙关于做好工作的批复', '80', 4],
    ]);
  });

  it('reads a page set off by spaces only after a title that ends in a kind or a doc number (pdftotext -layout)', () => {
    const text = [
      '目录',
      '甲关于做好工作的通知      12',
      '乙关于做好工作的批复(乙政函〔2023〕2号)      13',
      '丙人民政府关于推行 ISO 9001',
      '质量管理体系的通知……14',
    ].join('\n');
    expect(toc(normaliseGazette(text).lines).entries.map((e) => [e.title, e.doc_number, e.page])).toEqual([
      ['甲关于做好工作的通知', null, '12'],
      ['乙关于做好工作的批复', '乙政函〔2023〕2号', '13'],
      ['丙人民政府关于推行ISO9001质量管理体系的通知', null, '14'],
    ]);
  });

  it.todo(
    'reads a page set off by a table cell (markdown tables): "| 甲关于做好工作的通知 | 12 |" → page "12" (gives no entry: the "|" left before the page hides the kind)',
  );
});
