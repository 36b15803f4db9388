import { normaliseGazette, removeFurniture } from './gazette-normaliser';

describe('normaliseGazette', () => {
  it('gives an empty gazette no lines and no source lines', () => {
    expect(normaliseGazette('')).toEqual({ format: 'text', lines: [], sourceLineCount: 0 });
  });

  it('unifies CRLF and CR line endings and keeps source line numbers', () => {
    expect(normaliseGazette('甲\r\n\r\n乙\r丙\n')).toEqual({
      format: 'text',
      lines: [
        { text: '甲', line: 1 },
        { text: '乙', line: 3 },
        { text: '丙', line: 4 },
      ],
      sourceLineCount: 5,
    });
  });

  it('strips markup, normalises characters and drops lines left blank', () => {
    const gazette = normaliseGazette(
      '# 目 录\n\n 吕梁市人民政府\u3000\u3000\n2023 年 4 月 18 日\n\u200b\n**吕政发〔2023〕4 号**',
    );
    expect(gazette.lines).toEqual([
      { text: '目录', line: 1 },
      { text: '吕梁市人民政府', line: 3 },
      { text: '2023年4月18日', line: 4 },
      { text: '吕政发〔2023〕4号', line: 6 },
    ]);
    expect(gazette.sourceLineCount).toBe(6);
  });

  it('maps HTML lines back to the source file, CRLF included', () => {
    const gazette = normaliseGazette('<!DOCTYPE html>\r\n<p>吕梁市 人民政府</p>\r\n\r\n<p>２０２３年&nbsp;4 月</p>');
    expect(gazette.format).toBe('html');
    expect(gazette.lines).toEqual([
      { text: '吕梁市 人民政府', line: 2 },
      { text: '2023年4月', line: 4 },
    ]);
    expect(gazette.sourceLineCount).toBe(4);
  });

  it('keeps page furniture in its lines', () => {
    // A dash is neither a bracket nor clause punctuation, so the spaces beside it stay; the furniture filter squashes.
    expect(normaliseGazette('正文。\n— 11 —').lines.map((l) => l.text)).toEqual(['正文。', '— 11 —']);
  });
});

describe('removeFurniture', () => {
  const lines = [
    { text: '吕梁市人民政府公报 2023·3 市政府文件', line: 929 },
    { text: '正文。', line: 930 },
    { text: '—11—', line: 931 },
    { text: '咨询单位：吕梁市统计局', line: 932 },
  ];

  it('drops page numbers, boxes and running headers and keeps the line numbers of the rest', () => {
    expect(removeFurniture(lines, { gazetteName: '吕梁市人民政府公报' })).toEqual([{ text: '正文。', line: 930 }]);
  });

  it('keeps a running header when the gazette name is unknown', () => {
    expect(removeFurniture(lines, { gazetteName: null }).map((l) => l.line)).toEqual([929, 930]);
  });
});
