import { normaliseLineText, squash } from '../normalise/char-normaliser';
import { headingAbove, headingBelow, headingIssuerPart } from './heading.detector';

function prepare(lines: string[]): { raw: string[]; sq: string[] } {
  const raw = lines.map(normaliseLineText);
  return { raw, sq: raw.map(squash) };
}

/** The heading above the last line (the number line). */
function above(lines: string[], floor = 0) {
  const { raw, sq } = prepare(lines);
  return headingAbove(raw, sq, lines.length - 1, floor);
}

/** The heading below the first line (the number line). */
function below(lines: string[]) {
  return headingBelow(prepare(lines).sq, 0, lines.length - 1);
}

describe('headingIssuerPart', () => {
  it.each([
    ['临汾市人民政府关于印发临汾市“十四五”新技术发展规划的通知', '临汾市人民政府'],
    ['临汾市人民政府办公室印发关于在全市政府系统开展“冬季行动”工作方案的通知', '临汾市人民政府办公室'],
    ['某市人民政府转发关于加强安全生产工作意见的通知', '某市人民政府'],
    ['某某市人民政府令', '某某市人民政府'],
    ['某某市人民政府公告（第1号）', '某某市人民政府'],
    ['某某市人民政府通告', '某某市人民政府'],
  ])('%s is issued by %s', (title, issuer) => {
    expect(headingIssuerPart(title)).toBe(issuer);
  });

  it.each([
    ['关于做好工作的通知'],
    ['为了落实关于做好工作的通知'],
    ['一、关于做好工作的通知'],
    ['某某市人民政府工作方案'],
  ])('%s names no issuer', (title) => {
    expect(headingIssuerPart(title)).toBeNull();
  });
});

describe('headingAbove', () => {
  it('joins an issuer line and a wrapped title line (linfen-2022-11-12 lines 72-76)', () => {
    expect(
      above(['上文。', '临汾市人民政府', '关于印发临汾市“十四五”新技术 发展规划的通知', '临政发〔2022〕28号']),
    ).toEqual({
      start: 1,
      end: 3,
      title: '临汾市人民政府关于印发临汾市“十四五”新技术发展规划的通知',
      issuers: ['临汾市人民政府'],
      wellFormed: true,
    });
  });

  it('reads an issuer and 关于 on one line (fenyang-2023-4 line 80)', () => {
    expect(
      above([
        '上文。',
        '汾阳市人民政府办公室 关于印发《汾阳市县级医疗机构综合能力 提升三年行动方案》的通知',
        '汾政办发〔2023〕33号',
      ]),
    ).toEqual({
      start: 1,
      end: 2,
      title: '汾阳市人民政府办公室关于印发《汾阳市县级医疗机构综合能力提升三年行动方案》的通知',
      issuers: ['汾阳市人民政府办公室'],
      wellFormed: true,
    });
  });

  it('joins a title wrapped under an indented issuer line (lvliang-2023 lines 1-7)', () => {
    expect(
      above([
        '上文。',
        ' 吕梁市人民政府',
        '关于收回吕梁能源科创有限公司国有建设',
        '用地使用权的决定',
        '吕政发〔2023〕4 号',
      ]),
    ).toMatchObject({
      start: 1,
      title: '吕梁市人民政府关于收回吕梁能源科创有限公司国有建设用地使用权的决定',
      issuers: ['吕梁市人民政府'],
    });
  });

  it('joins a title wrapped over several short lines', () => {
    expect(above(['上文。', '某某市人民政府', '关于做好', '某某工作的', '通知', '某政发〔2023〕1号'])).toMatchObject({
      start: 1,
      title: '某某市人民政府关于做好某某工作的通知',
    });
  });

  it('splits joint issuers printed side by side before 关于 (linfen-2022-11-12 line 1457)', () => {
    expect(
      above([
        '上文。',
        '临汾市应急管理局 临汾市地方煤矿安全监督管理局 关于强化煤矿机电运输安全工作的若干措施',
        '临应急发〔2022〕156号',
      ]),
    ).toMatchObject({
      start: 1,
      title: '临汾市应急管理局临汾市地方煤矿安全监督管理局关于强化煤矿机电运输安全工作的若干措施',
      issuers: ['临汾市应急管理局', '临汾市地方煤矿安全监督管理局'],
    });
  });

  it.each([
    [['中共某某市委办公室 某某市人民政府办公室', '关于做好工作的通知']],
    [['中共某某市委办公室', '某某市人民政府办公室', '关于做好工作的通知']],
  ])('reads joint issuers on their own lines: %j', (heading) => {
    expect(above(['上文。', ...heading, '某办发〔2023〕1号'])).toMatchObject({
      start: 1,
      title: '中共某某市委办公室某某市人民政府办公室关于做好工作的通知',
      issuers: ['中共某某市委办公室', '某某市人民政府办公室'],
    });
  });

  it('keeps 印发 out of the issuer of "…办公室印发关于…" (linfen-2022-11-12 46号)', () => {
    expect(
      above([
        '上文。',
        '临汾市人民政府办公室印发关于在全市政府系统开展“冬季行动”工作方案的通知',
        '临政办发〔2022〕46号',
      ])?.issuers,
    ).toEqual(['临汾市人民政府办公室']);
  });

  it('reads a 政府令 over its "第N号"', () => {
    expect(above(['上文。', '某某市人民政府令', '第1号'])).toMatchObject({
      start: 1,
      title: '某某市人民政府令',
      issuers: ['某某市人民政府'],
    });
  });

  it('reads a title without an issuer', () => {
    expect(above(['上文。', '关于做好工作的通知', '某政发〔2023〕1号'])).toEqual({
      start: 1,
      end: 2,
      title: '关于做好工作的通知',
      issuers: [],
      wellFormed: true,
    });
  });

  it('keeps the 版头 "…文件" line out of the heading', () => {
    expect(
      above(['上文。', '某某市人民政府文件', '某某市人民政府', '关于做好工作的通知', '某政发〔2023〕1号'])?.start,
    ).toBe(2);
  });

  it('stops at the attached plan of the document before', () => {
    expect(
      above([
        '（此件公开发布）',
        '附件',
        '某某市实施方案',
        '某某市人民政府',
        '关于做好工作的通知',
        '某政发〔2023〕1号',
      ]),
    ).toMatchObject({
      start: 3,
      title: '某某市人民政府关于做好工作的通知',
    });
  });

  it('stops at a line of the body above a title without issuer', () => {
    expect(above(['（三）强化督查考核', '关于做好工作的通知', '某政发〔2023〕1号'])).toMatchObject({
      start: 1,
      title: '关于做好工作的通知',
    });
  });

  it('does not reach above the floor', () => {
    expect(above(['某某市人民政府', '关于做好工作的通知', '某政发〔2023〕1号'], 1)).toMatchObject({
      start: 1,
      title: '关于做好工作的通知',
      issuers: [],
    });
  });

  it.each([[['上文。', '2023年4月18日']], [['上文。', '（此件公开发布）']], [['上文。']]])(
    'finds no heading right under a barrier: %j',
    (before) => {
      expect(above([...before, '某政发〔2023〕1号'])).toBeNull();
    },
  );

  it('marks a title without a kind as not well formed', () => {
    expect(above(['上文。', '某某市人民政府', '关于做好某某工作', '某政发〔2023〕1号'])).toMatchObject({
      wellFormed: false,
    });
  });

  it("does not take the previous document's closing list of short names as joint issuers", () => {
    expect(
      above(['成员单位：', '市委宣传部', '市财政局', '吕梁市人民政府', '关于做好工作的通知', '吕政发〔2023〕1号']),
    ).toEqual({
      start: 3,
      end: 5,
      title: '吕梁市人民政府关于做好工作的通知',
      issuers: ['吕梁市人民政府'],
      wellFormed: true,
    });
  });

  it('stacks joint issuers only when both names carry their place', () => {
    expect(above(['上文。', '吕梁市财政局', '市教育局', '关于做好工作的通知', '某发〔2023〕1号'])).toMatchObject({
      start: 2,
      issuers: ['市教育局'],
    });
  });

  it('stacks at most four joint issuers above the issuer line', () => {
    const names = ['临汾市财政局', '临汾市教育局', '临汾市公安局', '临汾市民政局', '临汾市商务局', '临汾市人民政府'];
    expect(above(['上文。', ...names, '关于做好工作的通知', '某发〔2023〕1号'])).toMatchObject({
      start: 2,
      title: `${names.slice(1).join('')}关于做好工作的通知`,
      issuers: names.slice(1),
    });
  });
});

describe('headingBelow', () => {
  it('reads a title printed under its number', () => {
    expect(below(['某政发〔2023〕1号', '某某市人民政府关于做好工作的通知', '各县：'])).toEqual({
      start: 0,
      end: 1,
      title: '某某市人民政府关于做好工作的通知',
      issuers: ['某某市人民政府'],
      wellFormed: true,
    });
  });

  it('joins a wrapped title under its number', () => {
    expect(below(['某政发〔2023〕1号', '某某市人民政府关于做好', '工作的通知', '各县：'])).toMatchObject({
      end: 2,
      title: '某某市人民政府关于做好工作的通知',
    });
  });

  it('takes a one-line title with a kind and no 关于', () => {
    expect(below(['某政发〔2023〕1号', '某某市实施方案', '正文。'])).toMatchObject({
      end: 1,
      title: '某某市实施方案',
      issuers: [],
    });
  });

  it.each([
    ['recipients first', ['某政发〔2023〕1号', '各县市区人民政府：', '关于做好工作的通知']],
    ['a date first', ['某政发〔2023〕1号', '2023年4月18日', '关于做好工作的通知']],
    [
      'the title more than four lines down',
      ['某政发〔2023〕1号', '第一行', '第二行', '第三行', '第四行', '关于做好工作的通知'],
    ],
    ['no kind', ['某政发〔2023〕1号', '某某工作', '要点']],
  ])('finds nothing with %s', (_label, lines) => {
    expect(below(lines)).toBeNull();
  });
});
