import { normaliseGazette } from '../normalise/gazette-normaliser';
import { normaliseLineText } from '../normalise/char-normaliser';
import type { SourceLine } from '../model/gazette.model';
import { buildDocument, splitRecipients, type BuildContext } from './document.builder';
import { findNumberedHeadings, LineView, orderSpans, type DocumentSpan } from './document.segmenter';

/** Every numbered document of the lines, built. */
function buildAll(lines: SourceLine[], context: BuildContext = { section: null }) {
  const view = new LineView(lines);
  const spans = orderSpans(
    view,
    findNumberedHeadings(view).map((f) => ({ ...f, anchor: 'doc-number' as const })),
  );
  return spans.map((span) => buildDocument(view, span, context));
}

/** Lines numbered 1, 3, 5… as in a gazette with a blank line after each line. */
const spaced = (...texts: string[]): SourceLine[] =>
  texts.map((t, i) => ({ text: normaliseLineText(t), line: 2 * i + 1 }));

describe('splitRecipients', () => {
  it('splits at top-level commas and semicolons and drops the closing colon', () => {
    expect(
      splitRecipients('各县（市、区）人民政府，临汾经济开发区管委会，市人民政府各室、委、局，直属事业单位：'),
    ).toEqual(['各县（市、区）人民政府', '临汾经济开发区管委会', '市人民政府各室、委、局', '直属事业单位']);
    expect(splitRecipients('各县(市、区)人民政府;市直各单位:')).toEqual(['各县(市、区)人民政府', '市直各单位']);
  });

  it('keeps a comma inside brackets', () => {
    expect(splitRecipients('各乡镇（街道，开发区），县直各单位：')).toEqual(['各乡镇（街道，开发区）', '县直各单位']);
  });

  it('gives one recipient without separators and none for an empty text', () => {
    expect(splitRecipients('吕梁能源科创有限公司：')).toEqual(['吕梁能源科创有限公司']);
    expect(splitRecipients('')).toEqual([]);
  });
});

describe('buildDocument', () => {
  it('builds a covering notice with its attached plan (fenyang-2023-4 lines 80-98)', () => {
    const text = [
      '汾阳市人民政府办公室 关于印发《汾阳市县级医疗机构综合能力 提升三年行动方案》的通知',
      '',
      '汾政办发〔2023〕33号',
      '',
      '市直各有关部门：',
      '',
      '现将《汾阳市县级医疗机构综合能力提升三年行动方案》印发给你们，请结合实际，认真抓好贯彻落实。',
      '',
      '汾阳市人民政府办公室',
      '',
      '2023年8月21日',
      '',
      '汾阳市县级医疗机构综合能力提升 三年行动方案',
      '',
      '为进一步优化城乡医疗资源扩容和均衡布局，满足县域资源配置。',
    ].join('\n');
    const lines = normaliseGazette(text).lines.map((l) => ({ ...l, line: l.line + 79 }));
    expect(buildAll(lines, { section: '市政府办公室文件' })).toEqual([
      {
        title: '汾阳市人民政府办公室关于印发《汾阳市县级医疗机构综合能力提升三年行动方案》的通知',
        doc_number: '汾政办发〔2023〕33号',
        issuers: ['汾阳市人民政府办公室'],
        signed_on: '2023-08-21',
        doc_type: '通知',
        category: 'regulation',
        section: '市政府办公室文件',
        start_line: 80,
        end_line: 94,
        recipients: ['市直各有关部门'],
        body: '现将《汾阳市县级医疗机构综合能力提升三年行动方案》印发给你们，请结合实际，认真抓好贯彻落实。',
        attachments: ['汾阳市县级医疗机构综合能力提升三年行动方案'],
        publicity: null,
        text: lines.map((l) => l.text).join('\n'),
        confidence: 1,
        reasons: [],
      },
    ]);
  });

  it('reads recipients wrapped over lines, the attachment list and the publicity note', () => {
    const [doc] = buildAll(
      spaced(
        '某市人民政府',
        '关于做好工作的通知',
        '某政发〔2023〕1号',
        '各县（市、区）人民政府，某某经济开发区管委会，',
        '市直各单位：',
        '正文第一段。',
        '附件：1.某某实施方案',
        '2.某某工作',
        '领导小组名单',
        '某市人民政府',
        '2023年4月18日',
        '（此件公开发布）',
      ),
    );
    expect(doc).toMatchObject({
      start_line: 1,
      end_line: 23,
      recipients: ['各县（市、区）人民政府', '某某经济开发区管委会', '市直各单位'],
      attachments: ['某某实施方案', '某某工作领导小组名单'],
      issuers: ['某市人民政府'],
      signed_on: '2023-04-18',
      publicity: '此件公开发布',
      confidence: 1,
    });
    expect(doc.body.startsWith('正文第一段。')).toBe(true);
  });

  it('names the plan printed after the signature under "附件"', () => {
    const [doc] = buildAll(
      spaced(
        '某市人民政府办公室',
        '关于印发某市方案的通知',
        '某政办发〔2023〕1号',
        '各县人民政府：',
        '现将《某市方案》印发给你们，请认真贯彻执行。',
        '某市人民政府办公室',
        '2023年4月18日',
        '（此件公开发布）',
        '附件',
        '某市某某工作',
        '实施方案（试行）',
        '一、总体要求',
      ),
    );
    expect(doc.attachments).toEqual(['某市某某工作实施方案（试行）']);
  });

  it('joins the hard-wrapped body into paragraphs', () => {
    const full = '为进一步加强全市安全生产工作根据有关规定结合';
    const [doc] = buildAll(
      spaced(
        '某市人民政府',
        '关于做好工作的通知',
        '某政发〔2023〕1号',
        '各县：',
        full,
        full,
        '本市实际。',
        '某市人民政府',
        '2023年4月18日',
      ),
    );
    expect(doc.body).toBe(`${full}${full}本市实际。`);
  });

  it('takes the issuers from the heading when the signature names none', () => {
    const [doc] = buildAll(
      spaced('某市人民政府', '关于做好工作的通知', '某政发〔2023〕1号', '各县：', '正文。', '2023年4月18日'),
    );
    expect(doc).toMatchObject({
      issuers: ['某市人民政府'],
      signed_on: '2023-04-18',
      confidence: 0.9,
      reasons: ['signature date without issuing body'],
    });
  });

  it('takes the issuers as signed when they differ from the heading (linfen-2022-11-12 临政通告〔2022〕4号)', () => {
    const [doc] = buildAll(
      spaced(
        '某市人民政府',
        '关于做好工作的通知',
        '某政发〔2023〕1号',
        '各县：',
        '正文。',
        '某市人民政府办公室',
        '2022年11月7日',
      ),
    );
    expect(doc.issuers).toEqual(['某市人民政府办公室']);
  });

  it('lowers confidence and says why for a document without signature, kind, issuer or number', () => {
    // The segmenter no longer anchors such a heading on a number line; the span is given directly.
    const view = new LineView(spaced('关于做好工作', '正文。'));
    const span: DocumentSpan = {
      heading: { start: 0, end: 0, title: '关于做好工作', issuers: [], wellFormed: false },
      docNumber: null,
      anchor: 'shape',
      end: 1,
    };
    expect(buildDocument(view, span, { section: null })).toMatchObject({
      title: '关于做好工作',
      doc_number: null,
      doc_type: null,
      issuers: [],
      signed_on: null,
      category: 'other',
      confidence: 0.15,
      reasons: [
        'no document number',
        'no signature found',
        'title guessed: no document kind ends it',
        'issuing body unknown',
      ],
    });
  });

  it('routes by category and passes the section on', () => {
    const [doc] = buildAll(
      spaced(
        '汾阳市人民政府',
        '关于李建忠等同志任免职务的通知',
        '汾政发〔2023〕21号',
        '各乡镇人民政府：',
        '经研究，决定：',
        '汾阳市人民政府',
        '2023年12月5日',
      ),
      { section: '人事任免' },
    );
    expect(doc).toMatchObject({ category: 'personnel', section: '人事任免', doc_type: '通知' });
  });

  it('keeps the lines of the document, spaces included, as its text', () => {
    const [doc] = buildAll(
      spaced(
        '某市人民政府 关于做好工作的通知',
        '某政发〔2023〕1号',
        '各县：',
        '正文。',
        '某市人民政府',
        '2023年4月18日',
      ),
    );
    expect(doc.text).toBe(
      '某市人民政府 关于做好工作的通知\n某政发〔2023〕1号\n各县：\n正文。\n某市人民政府\n2023年4月18日',
    );
  });

  it('names an attachment once when the notice lists it and it is printed after the signature (lvliang-2023 lines 660-671)', () => {
    const [doc] = buildAll(
      spaced(
        '吕梁市人民政府',
        '关于成立吕梁市第五次全国经济普查领导小组的通知',
        '吕政发〔2023〕6号',
        '各县（市、区）人民政府：',
        '正文。',
        '附件：吕梁市第五次全国经济普查领',
        '导小组组成人员名单',
        '吕梁市人民政府',
        '2023 年 4 月 18 日',
        '（此件公开发布）',
        ' 附件',
        '吕梁市第五次全国经济普查领导小组',
        '组成人员名单',
        '组 长：任 忠 市委常委、常务副',
        '市长',
      ),
    );
    expect(doc.attachments).toEqual(['吕梁市第五次全国经济普查领导小组组成人员名单']);
  });

  it('does not take the opening sentence of a 通告 as recipients and keeps it in the body', () => {
    const [doc] = buildAll(
      spaced(
        '某市人民政府',
        '关于加强烟花爆竹安全管理的通告',
        '某政通告〔2023〕1号',
        '为加强烟花爆竹安全管理，根据有关规定，现就有关事项',
        '通告如下：',
        '一、禁止燃放。',
        '某市人民政府',
        '2023年4月18日',
      ),
    );
    expect(doc).toMatchObject({
      recipients: [],
      body: '为加强烟花爆竹安全管理，根据有关规定，现就有关事项通告如下：\n一、禁止燃放。',
      signed_on: '2023-04-18',
    });
  });

  it.each([['根据工作需要，经研究决定：'], ['按照市委要求，现将有关事项通知如下：'], ['现就有关事项公告如下：']])(
    'does not take the opening sentence %s as recipients',
    (opening) => {
      const [doc] = buildAll(
        spaced(
          '某市人民政府',
          '关于做好工作的通知',
          '某政发〔2023〕1号',
          opening,
          '正文。',
          '某市人民政府',
          '2023年4月18日',
        ),
      );
      expect(doc.recipients).toEqual([]);
      expect(doc.body.startsWith(opening)).toBe(true);
    },
  );
});
