import type { SourceLine } from '../model/gazette.model';
import { normaliseGazette } from '../normalise/gazette-normaliser';
import { extractGazetteMetadata, findGazetteName, type GazetteName } from './gazette-metadata.extractor';

const lines = (...texts: string[]): SourceLine[] => texts.map((text, i) => ({ text, line: i + 1 }));
const SOME_CITY: GazetteName = { name: '某市人民政府公报', publisher: '某市人民政府', region: '某市' };

/** Metadata of a gazette whose front matter is `front` and whose body is `body`. */
function metadata(
  front: string[],
  body: string[] = [],
  documentYears: number[] = [],
  name: GazetteName | null = SOME_CITY,
) {
  return extractGazetteMetadata({
    lines: lines(...front, ...body),
    frontMatterEnd: front.length,
    gazetteName: name,
    documentYears,
  });
}

describe('findGazetteName', () => {
  it.each([
    ['汾阳市人民政府 公报', '汾阳市人民政府公报', '汾阳市人民政府', '汾阳市'],
    ['《中阳县人民政府公报》赠阅范围', '中阳县人民政府公报', '中阳县人民政府', '中阳县'],
    ['吕梁市人民政府公报 2023·3 市政府文件', '吕梁市人民政府公报', '吕梁市人民政府', '吕梁市'],
    ['山西省人民政府公报', '山西省人民政府公报', '山西省人民政府', '山西省'],
    ['内蒙古自治区人民政府公报', '内蒙古自治区人民政府公报', '内蒙古自治区人民政府', '内蒙古自治区'],
    ['延边朝鲜族自治州人民政府公报', '延边朝鲜族自治州人民政府公报', '延边朝鲜族自治州人民政府', '延边朝鲜族自治州'],
    ['北京市东城区人民政府公报', '北京市东城区人民政府公报', '北京市东城区人民政府', '北京市东城区'],
    ['呼和浩特市人民政府公报', '呼和浩特市人民政府公报', '呼和浩特市人民政府', '呼和浩特市'],
  ])('reads %s', (line, name, publisher, region) => {
    expect(findGazetteName(lines(line))).toEqual({ name, publisher, region });
  });

  it('names the publisher 人民政府 when the gazette title says 政府', () => {
    expect(findGazetteName(lines('鄂尔多斯市政府公报'))).toEqual({
      name: '鄂尔多斯市政府公报',
      publisher: '鄂尔多斯市人民政府',
      region: '鄂尔多斯市',
    });
  });

  it('lets every mention vote: the most frequent name wins', () => {
    expect(
      findGazetteName(
        lines(
          '《汾阳市人民政府公报》简介',
          '吕梁市人民政府公报 2023·3 市政府文件',
          '市政府办公室文件 吕梁市人民政府公报 2023·3',
        ),
      )?.region,
    ).toBe('吕梁市');
  });

  it('breaks a tie by the first mention', () => {
    expect(findGazetteName(lines('目录', '汾阳市人民政府公报', '《吕梁市人民政府公报》简介'))?.region).toBe('汾阳市');
  });

  it('does not take the words before the name into the region (lvliang-2023 line 8570)', () => {
    expect(findGazetteName(lines('市政府办公室文件 吕梁市人民政府公报 2023·3'))).toEqual({
      name: '吕梁市人民政府公报',
      publisher: '吕梁市人民政府',
      region: '吕梁市',
    });
  });

  it('reads a county with a one-character name', () => {
    expect(findGazetteName(lines('和县人民政府公报'))).toEqual({
      name: '和县人民政府公报',
      publisher: '和县人民政府',
      region: '和县',
    });
  });

  it.each([['吕梁市人民政府关于印发2023年工作要点的通知'], ['吕梁市公报'], ['临汾市人民政府办公室公报']])(
    'finds no gazette name in %s',
    (line) => {
      expect(findGazetteName(lines(line))).toBeNull();
    },
  );

  it('finds no gazette name in "本市人民政府公报": 本市 is not a place', () => {
    expect(findGazetteName(lines('本市人民政府公报'))).toBeNull();
  });
});

describe('extractGazetteMetadata', () => {
  it('reads the masthead of fenyang-2023-4 (lines 5-37)', () => {
    const text = [
      '汾阳市人民政府 公报',
      '掌上公报',
      '2023',
      '第四期',
      '汾阳市人民政府公报',
      "GAZETTE OF THE PEOPLE'S GOVERNMENT",
      '2023 年第 4 期',
      '季 刊',
      '主办：汾阳市人民政府办公室',
      '地址：汾阳市永和西大街 9 号',
      '2023 年 12 月 28 日出版',
    ].join('\n');
    const ls = normaliseGazette(text).lines;
    expect(
      extractGazetteMetadata({
        lines: ls,
        frontMatterEnd: ls.length,
        gazetteName: findGazetteName(ls),
        documentYears: [],
      }),
    ).toEqual({
      publisher: '汾阳市人民政府',
      region: '汾阳市',
      year: 2023,
      issue: '4',
      total_issue: null,
      published_on: '2023-12-28',
    });
  });

  it('reads a double issue and 总第N期 (linfen-2022-11-12 lines 5-20)', () => {
    const text = [
      '临汾市人民政府公报',
      'LINFENSHI RENMIN ZHENGFU GONGBAO',
      '2022 第 11 · 12 期',
      '(总第 037 期)',
      '临汾市人民政府办公室 主管主办',
      '2022 年 12 月 30 日出版(月刊)',
    ].join('\n');
    const ls = normaliseGazette(text).lines;
    expect(
      extractGazetteMetadata({
        lines: ls,
        frontMatterEnd: ls.length,
        gazetteName: findGazetteName(ls),
        documentYears: [],
      }),
    ).toEqual({
      publisher: '临汾市人民政府',
      region: '临汾市',
      year: 2022,
      issue: '11-12',
      total_issue: 37,
      published_on: '2022-12-30',
    });
  });

  it('reads "2023 · 2" and "2023 年第 2 期" of zhongyang-2023-2 (lines 5-31)', () => {
    const text = ['中阳县人民政府公报', '2023 · 2', '中阳县人民政府办公室', '2023 年 6 月 30 日出版 (季度刊)'].join(
      '\n',
    );
    const ls = normaliseGazette(text).lines;
    expect(
      extractGazetteMetadata({
        lines: ls,
        frontMatterEnd: ls.length,
        gazetteName: findGazetteName(ls),
        documentYears: [],
      }),
    ).toMatchObject({ year: 2023, issue: '2', total_issue: null, published_on: '2023-06-30' });
  });

  it('reads the issue from running headers when there is no masthead (lvliang-2023 lines 929 and 8570)', () => {
    const body = [
      '吕梁市人民政府',
      '关于…的决定',
      '吕梁市人民政府公报2023·3市政府文件',
      '正文。',
      '市政府办公室文件吕梁市人民政府公报2023·3',
    ];
    const lvliang: GazetteName = { name: '吕梁市人民政府公报', publisher: '吕梁市人民政府', region: '吕梁市' };
    expect(metadata([], body, [2023], lvliang)).toEqual({
      publisher: '吕梁市人民政府',
      region: '吕梁市',
      year: 2023,
      issue: '3',
      total_issue: null,
      published_on: null,
    });
  });

  it.each([
    ['2023年第3期', 2023, '3'],
    ['2023第3期', 2023, '3'],
    ['2023年第三期', 2023, '3'],
    ['2023年第十二期', 2023, '12'],
    ['2023年第3-4期', 2023, '3-4'],
    ['2023年第3—4期', 2023, '3-4'],
    ['2023年第5、6期', 2023, '5-6'],
    ['2023年第5/6期', 2023, '5-6'],
    ['2022第11·12期', 2022, '11-12'],
    ['2023·5', 2023, '5'],
    ['某市人民政府公报2023·5', 2023, '5'],
    ['2022·11·12', 2022, '11-12'],
  ])('reads year and issue from %s', (line, year, issue) => {
    expect(metadata(['某市人民政府公报', line])).toMatchObject({ year, issue });
  });

  it('takes "2023·5" only alone on its line or beside the gazette name', () => {
    expect(metadata(['某市人民政府公报', '开发区2023·5地块']).issue).toBeNull();
  });

  it('combines a year and an issue printed on separate lines', () => {
    expect(metadata(['某市人民政府公报', '2023', '第四期'])).toMatchObject({ year: 2023, issue: '4' });
    expect(metadata(['某市人民政府公报', '第5-6期', '2023年'])).toMatchObject({ year: 2023, issue: '5-6' });
  });

  it('prefers a year-and-issue line to a loose issue', () => {
    expect(metadata(['某市人民政府公报', '第9期', '2023年第5期']).issue).toBe('5');
  });

  it('gives no issue for issue 0', () => {
    expect(metadata(['某市人民政府公报', '2023年第0期'])).toMatchObject({ year: 2023, issue: null });
  });

  it.each([
    ['(总第 037 期)', 37],
    ['总第120期', 120],
    ['2023年第5期（总第37期）', 37],
    ['总37期', 37],
  ])('reads the total issue from %s', (line, total) => {
    expect(metadata(['某市人民政府公报', line.replace(/\s+/g, '')]).total_issue).toBe(total);
  });

  it.each([
    ['2023年5月31日出版', '2023-05-31'],
    ['2022年12月30日出版(月刊)', '2022-12-30'],
    ['出版日期：2023年5月31日', '2023-05-31'],
    ['出版日期:2023-05-31', '2023-05-31'],
    ['出版时间2023.5.31', '2023-05-31'],
  ])('reads the publication date from %s', (line, iso) => {
    expect(metadata(['某市人民政府公报', line]).published_on).toBe(iso);
  });

  it('does not take a date that is not the publication date', () => {
    expect(metadata(['某市人民政府公报', '2023年5月31日']).published_on).toBeNull();
  });

  it('takes the year from the publication date when the masthead prints no year', () => {
    expect(metadata(['某市人民政府公报', '第5期', '2023年5月31日出版'])).toMatchObject({ year: 2023, issue: '5' });
  });

  it('falls back to the most common signing year', () => {
    expect(metadata(['某市人民政府公报'], [], [2022, 2023, 2023]).year).toBe(2023);
    expect(metadata(['某市人民政府公报'], [], []).year).toBeNull();
  });

  it('prefers the front matter to running headers', () => {
    expect(metadata(['某市人民政府公报2023年第5期'], ['某市人民政府公报2022年第9期市政府文件'])).toMatchObject({
      year: 2023,
      issue: '5',
    });
  });

  it('reads nothing but running headers after the front matter', () => {
    expect(metadata([], ['附件', '2023年第7期培训安排', '2023年5月31日出版']).issue).toBeNull();
    expect(metadata([], ['2023年第7期培训安排']).year).toBeNull();
  });

  it('gives null publisher and region without a gazette name', () => {
    expect(metadata(['2023年第5期'], [], [], null)).toEqual({
      publisher: null,
      region: null,
      year: 2023,
      issue: '5',
      total_issue: null,
      published_on: null,
    });
  });

  it.each([['二〇二三年第五期'], ['二○二三年第五期'], ['二O二三年第五期']])(
    'reads a year printed in Chinese numerals: %s',
    (line) => {
      expect(metadata(['某市人民政府公报', line])).toMatchObject({ year: 2023, issue: '5' });
    },
  );

  it('does not read the issue from a TOC title or a sentence in the front matter', () => {
    expect(metadata(['某市人民政府公报', '目录', '某市人民政府关于举办2023年第1期培训班的通知……1'])).toMatchObject({
      year: null,
      issue: null,
    });
    expect(metadata(['某市人民政府公报', '本刊2023年第1期起改为月刊，敬请留意。']).issue).toBeNull();
    expect(metadata(['某市人民政府公报', `2023年第1期${'培训安排'.repeat(15)}`]).issue).toBeNull();
  });
});
