import type { TocEntry } from '../model/gazette.model';
import { normaliseLineText } from '../normalise/char-normaliser';
import type { Heading } from './heading.detector';
import {
  dropShadowAnchors,
  findNumberedHeadings,
  findShapedHeadings,
  findTocHeadings,
  lastDocumentEnd,
  LineView,
  orderSpans,
  titleKey,
} from './document.segmenter';

const view = (...texts: string[]) => new LineView(texts.map((t, i) => ({ text: normaliseLineText(t), line: i + 1 })));
const entry = (title: string): TocEntry => ({ section: null, title, doc_number: null, page: '1', line: 2 });
const heading = (start: number, end: number): Heading => ({
  start,
  end,
  title: `标题${start}`,
  issuers: [],
  wellFormed: true,
});
const anchors = (found: { heading: Heading; docNumber: string | null }[]) =>
  found.map((f) => [f.heading.start, f.docNumber]);

describe('LineView', () => {
  it('keeps the lines, their text and their squashed form', () => {
    const v = new LineView([
      { text: '吕梁市人民政府 关于收回', line: 3 },
      { text: '吕政发〔2023〕4号', line: 7 },
    ]);
    expect(v.length).toBe(2);
    expect(v.raw).toEqual(['吕梁市人民政府 关于收回', '吕政发〔2023〕4号']);
    expect(v.sq).toEqual(['吕梁市人民政府关于收回', '吕政发〔2023〕4号']);
    expect(v.keys).toEqual(['吕梁市人民政府关于收回', '吕政发[2023]4号']);
  });
});

describe('titleKey', () => {
  it('unifies bracket, quote, dash, comma and colon widths', () => {
    expect(titleKey('关于印发《某市方案（2021—2025年）》的通知：“十四五”，［2023］〔1〕【2】‘甲’')).toBe(
      titleKey('关于印发《某市方案(2021-2025年)》的通知:"十四五",[2023][1][2]\'甲\''),
    );
  });

  it('removes spaces', () => {
    expect(titleKey('关于 做好 工作的 通 知')).toBe('关于做好工作的通知');
  });

  it('keeps different words different', () => {
    expect(titleKey('关于…发展规划的通知')).not.toBe(titleKey('关于…发展计划的通知'));
  });
});

describe('findNumberedHeadings', () => {
  it('anchors each document on its number line and skips a TOC entry without number line', () => {
    const v = view(
      '目录',
      '某市人民政府关于做好工作的通知……1',
      '某市人民政府',
      '关于做好工作的通知',
      '某政发〔2023〕1号',
      '各县：',
      '正文。',
      '某市人民政府',
      '2023年4月18日',
      '某市人民政府关于做好工作的批复',
      '某政函〔2023〕2号',
    );
    expect(findNumberedHeadings(v)).toEqual([
      {
        heading: {
          start: 2,
          end: 4,
          title: '某市人民政府关于做好工作的通知',
          issuers: ['某市人民政府'],
          wellFormed: true,
        },
        docNumber: '某政发〔2023〕1号',
      },
      {
        heading: {
          start: 9,
          end: 10,
          title: '某市人民政府关于做好工作的批复',
          issuers: ['某市人民政府'],
          wellFormed: true,
        },
        docNumber: '某政函〔2023〕2号',
      },
    ]);
  });

  it('takes "第N号" as a number only under a title ending in 令 or 公告', () => {
    const v = view(
      '（此件公开发布）',
      '某市人民政府令',
      '第2号',
      '正文。',
      '2023年5月1日',
      '第3号',
      '正文。',
      '某市人民政府公告',
      '（第4号）',
    );
    expect(anchors(findNumberedHeadings(v))).toEqual([
      [1, '第2号'],
      [7, '第4号'],
    ]);
  });

  it('reads the title below the number when nothing shaped like a title stands above', () => {
    const v = view('（此件公开发布）', '某政发〔2023〕1号', '某市人民政府关于做好工作的通知', '各县：');
    expect(findNumberedHeadings(v)).toEqual([
      {
        heading: {
          start: 1,
          end: 2,
          title: '某市人民政府关于做好工作的通知',
          issuers: ['某市人民政府'],
          wellFormed: true,
        },
        docNumber: '某政发〔2023〕1号',
      },
    ]);
  });

  it('prefers the title below to a list heading of the previous document that happens to end in a kind', () => {
    const v = view('上文。', '（三）保障措施', '某政发〔2023〕1号', '某市人民政府关于做好工作的通知', '各县：');
    expect(findNumberedHeadings(v)[0].heading).toMatchObject({
      start: 2,
      end: 3,
      title: '某市人民政府关于做好工作的通知',
    });
  });

  it('does not anchor a document on a citation wrapped onto a line of its own', () => {
    const v = view(
      '某市人民政府',
      '关于做好工作的通知',
      '某政发〔2023〕1号',
      '各县：',
      '为贯彻落实《山西省人民政府关于加强管理的通知》',
      '（晋政发〔2022〕10号）',
      '精神，现通知如下：',
      '正文。',
      '某市人民政府',
      '2023年4月18日',
    );
    expect(anchors(findNumberedHeadings(v))).toEqual([[0, '某政发〔2023〕1号']]);
  });

  it('does not anchor a document on a number under a heading that is neither well formed nor issued', () => {
    expect(findNumberedHeadings(view('上文。', '关于做好工作', '某政发〔2023〕1号', '正文。'))).toEqual([]);
  });

  it('keeps a heading that is not well formed when an issuer shapes it', () => {
    expect(findNumberedHeadings(view('上文。', '某市人民政府', '关于做好工作', '某政发〔2023〕1号', '正文。'))).toEqual(
      [
        {
          heading: {
            start: 1,
            end: 3,
            title: '某市人民政府关于做好工作',
            issuers: ['某市人民政府'],
            wellFormed: false,
          },
          docNumber: '某政发〔2023〕1号',
        },
      ],
    );
  });

  it('finds nothing without number lines', () => {
    expect(findNumberedHeadings(view('某市人民政府', '关于做好工作的通知', '各县：', '正文。'))).toEqual([]);
  });
});

describe('dropShadowAnchors', () => {
  it('drops the numbers of a TOC printed on their own lines and keeps the signed bodies', () => {
    const v = view(
      '目录',
      '某市人民政府关于做好工作的通知',
      '某政发〔2023〕1号',
      '某市人民政府关于做好工作的批复',
      '某政函〔2023〕2号',
      '某市人民政府',
      '关于做好工作的通知',
      '某政发〔2023〕1号',
      '各县：',
      '正文。',
      '某市人民政府',
      '2023年4月18日',
      '某市人民政府',
      '关于做好工作的批复',
      '某政函〔2023〕2号',
      '某县：',
      '正文。',
      '某市人民政府',
      '2023年4月19日',
    );
    const found = findNumberedHeadings(v);
    expect(anchors(found)).toEqual([
      [1, '某政发〔2023〕1号'],
      [3, '某政函〔2023〕2号'],
      [5, '某政发〔2023〕1号'],
      [12, '某政函〔2023〕2号'],
    ]);
    expect(anchors(dropShadowAnchors(v, found))).toEqual([
      [5, '某政发〔2023〕1号'],
      [12, '某政函〔2023〕2号'],
    ]);
  });

  it('keeps the last of twins when none is signed, and every anchor without a twin', () => {
    const v = view('a', 'b', 'c', 'd');
    const found = [
      { heading: heading(2, 2), docNumber: 'X' },
      { heading: heading(0, 0), docNumber: 'X' },
      { heading: heading(1, 1), docNumber: null },
      { heading: heading(3, 3), docNumber: 'Y' },
    ];
    expect(anchors(dropShadowAnchors(v, found))).toEqual([
      [1, null],
      [2, 'X'],
      [3, 'Y'],
    ]);
  });

  it('keeps the document, not its quote, when the body quotes its own number on a line of its own before the signature', () => {
    const v = view(
      '某市人民政府',
      '关于做好工作的通知',
      '某政发〔2023〕1号',
      '各县：',
      '按照某政发〔2023〕1号要求，',
      '某政发〔2023〕1号',
      '正文。',
      '某市人民政府',
      '2023年4月18日',
    );
    const found = findNumberedHeadings(v);
    expect(anchors(found)).toEqual([[0, '某政发〔2023〕1号']]);
    expect(dropShadowAnchors(v, found).map((f) => f.heading.title)).toEqual(['某市人民政府关于做好工作的通知']);
  });
});

describe('findTocHeadings', () => {
  it('finds a heading printed as a TOC title, over several lines, and marks it taken', () => {
    const v = view(
      '目录',
      '某市人民政府关于做好工作的通知……1',
      '（此件公开发布）',
      '某市人民政府关于做好',
      '工作的通知',
      '各县：',
    );
    const taken = [{ start: 0, end: 0 }];
    expect(findTocHeadings(v, [entry('某市人民政府关于做好工作的通知')], 2, taken)).toEqual([
      { start: 3, end: 4, title: '某市人民政府关于做好工作的通知', issuers: ['某市人民政府'], wellFormed: true },
    ]);
    expect(taken).toEqual([
      { start: 0, end: 0 },
      { start: 3, end: 4 },
    ]);
  });

  it('matches across bracket and dash widths and keeps the body form of the title', () => {
    const v = view('（此件公开发布）', '某市人民政府关于印发《某方案（2021—2025年）》的通知');
    expect(findTocHeadings(v, [entry('某市人民政府关于印发《某方案(2021-2025年)》的通知')], 0, [])).toEqual([
      expect.objectContaining({ start: 1, end: 1, title: '某市人民政府关于印发《某方案（2021—2025年）》的通知' }),
    ]);
  });

  it('skips lines before `from`, taken lines, and titles shorter than six characters', () => {
    const v = view('某市人民政府关于做好工作的通知', '正文。', '某市人民政府关于做好工作的通知');
    expect(findTocHeadings(v, [entry('某市人民政府关于做好工作的通知')], 1, [])).toEqual([
      expect.objectContaining({ start: 2 }),
    ]);
    expect(findTocHeadings(v, [entry('某市人民政府关于做好工作的通知')], 0, [{ start: 0, end: 2 }])).toEqual([]);
    expect(findTocHeadings(view('通知', '的通知'), [entry('的通知')], 0, [])).toEqual([]);
  });

  it('does not match a line that only begins the title', () => {
    expect(
      findTocHeadings(view('某市人民政府关于做好', '其他工作的通知'), [entry('某市人民政府关于做好工作的通知')], 0, []),
    ).toEqual([]);
  });
});

describe('findShapedHeadings', () => {
  const signed = ['正文。', '某市人民政府', '2023年4月18日'];

  it('finds issuer-关于-kind over a recipients line, after a barrier, with a signature', () => {
    const v = view(
      '（此件公开发布）',
      '某市人民政府',
      '关于做好工作的通知',
      '各县（市、区）人民政府，市直各单位：',
      ...signed,
    );
    const taken: { start: number; end: number }[] = [];
    expect(findShapedHeadings(v, 0, taken)).toEqual([
      { start: 1, end: 2, title: '某市人民政府关于做好工作的通知', issuers: ['某市人民政府'], wellFormed: true },
    ]);
    expect(taken).toEqual([{ start: 1, end: 2 }]);
  });

  it.each([
    ['no issuer', ['（此件公开发布）', '关于做好工作的通知', '各县：', ...signed]],
    ['no signature', ['（此件公开发布）', '某市人民政府', '关于做好工作的通知', '各县：', '正文。']],
    ['no barrier above', ['继续上文的内容', '某市人民政府', '关于做好工作的通知', '各县：', ...signed]],
    ['no kind', ['（此件公开发布）', '某市人民政府', '关于做好某某工作', '各县：', ...signed]],
  ])('finds nothing with %s', (_label, lines) => {
    expect(findShapedHeadings(view(...lines), 0, [])).toEqual([]);
  });

  it('does not take a heading already taken', () => {
    const v = view('（此件公开发布）', '某市人民政府', '关于做好工作的通知', '各县：', ...signed);
    expect(findShapedHeadings(v, 0, [{ start: 1, end: 2 }])).toEqual([]);
  });
});

describe('lastDocumentEnd', () => {
  it.each([
    ['《某市人民政府公报》简介'],
    ['《某市人民政府公报》征订启事'],
    ['主办单位：某市人民政府办公室'],
    ['编辑部地址：某市'],
    ['印刷：某印刷厂'],
  ])('ends the last document before %s', (editorial) => {
    expect(lastDocumentEnd(view('正文。', '某市人民政府', '2023年4月18日', editorial, '其他'), 0)).toBe(2);
  });

  it('runs to the last line without editorial pages', () => {
    expect(lastDocumentEnd(view('正文。', '某市人民政府', '2023年4月18日'), 0)).toBe(2);
  });

  it('looks only from `from` on', () => {
    expect(lastDocumentEnd(view('主办单位：某市人民政府办公室', '正文。', '结束。'), 1)).toBe(2);
  });
});

describe('orderSpans', () => {
  it('sorts by heading and runs each document to the line before the next heading', () => {
    const v = view('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h');
    expect(
      orderSpans(v, [
        { heading: heading(5, 6), docNumber: 'B', anchor: 'doc-number' },
        { heading: heading(0, 1), docNumber: 'A', anchor: 'toc' },
      ]),
    ).toEqual([
      { heading: heading(0, 1), docNumber: 'A', anchor: 'toc', end: 4 },
      { heading: heading(5, 6), docNumber: 'B', anchor: 'doc-number', end: 7 },
    ]);
  });

  it('ends the last document before the editorial pages', () => {
    const v = view('某市人民政府', '关于做好工作的通知', '正文。', '《某市人民政府公报》简介', '本刊…');
    expect(orderSpans(v, [{ heading: heading(0, 1), docNumber: null, anchor: 'shape' }])[0].end).toBe(2);
  });

  it('never ends a document inside its own heading', () => {
    const v = view('a', 'b', 'c');
    expect(
      orderSpans(v, [
        { heading: heading(0, 2), docNumber: null, anchor: 'shape' },
        { heading: heading(1, 1), docNumber: null, anchor: 'shape' },
      ])[0].end,
    ).toBe(2);
  });
});
