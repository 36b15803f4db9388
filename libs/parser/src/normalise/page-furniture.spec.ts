import { isPageFurniture, isRunningHeader } from './page-furniture';

const LVLIANG = { gazetteName: '吕梁市人民政府公报' };
const UNKNOWN = { gazetteName: null };

describe('isPageFurniture', () => {
  describe('page numbers', () => {
    it.each([
      ['— 11 —'],
      ['- 11 -'],
      ['-11-'],
      ['－ 3 －'],
      ['─ 3 ─'],
      ['–7–'],
      ['~12~'],
      ['_12_'],
      ['— 1234 —'],
      ['—11'],
      ['11—'],
      ['第 5 页'],
      ['第5页共20页'],
      ['第 11 页 共 20 页'],
      ['5/20'],
      ['11 / 20'],
      ['·12·'],
      ['• 12 •'],
      ['第5页，共20页'],
    ])('%s is a page number', (line) => {
      expect(isPageFurniture(line, UNKNOWN)).toBe(true);
    });

    it.each([['11'], ['—12345—'], ['(11)'], ['〔11〕'], ['一、11项'], ['2023·3'], ['-11-12号'], ['吕政发〔2023〕4号']])(
      '%s is not a page number',
      (line) => {
        expect(isPageFurniture(line, UNKNOWN)).toBe(false);
      },
    );
  });

  describe('consultation and QR-code boxes', () => {
    it.each([
      ['咨询单位：吕梁市规划和自然资源局'],
      ['咨询电话：8296746 扫码咨询'],
      ['咨询部门:市统计局'],
      ['咨询机构：市大数据应用局'],
      ['咨 询 与 解 读'],
      ['扫码咨询'],
      ['政策解读'],
      ['图文解读'],
      ['扫码解读'],
      ['扫码查看全文'],
      ['掌上公报 扫码阅读'],
    ])('%s is box furniture', (line) => {
      expect(isPageFurniture(line, UNKNOWN)).toBe(true);
    });

    it.each([
      ['咨询电话8296746'],
      ['咨询与解读一二三四五六七八九十一二三'],
      ['政策解读要点：一、总体要求包括以下内容和方面'],
      ['各有关单位要做好政策解读'],
      ['联系电话：8296746'],
      ['政策解读工作由市司法局负责。'],
      ['扫码查看，了解详情。'],
    ])('%s is not box furniture', (line) => {
      expect(isPageFurniture(line, UNKNOWN)).toBe(false);
    });

    it('takes a QR-code caption with a comma for box furniture', () => {
      expect(isPageFurniture('扫一扫，了解更多', UNKNOWN)).toBe(true);
    });
  });

  describe('running headers', () => {
    it.each([
      ['吕梁市人民政府公报 2023·3 市政府文件'],
      ['市政府办公室文件 吕梁市人民政府公报 2023·3'],
      ['吕梁市人民政府公报'],
      ['吕梁市人民政府公报 第3期'],
      ['吕梁市人民政府公报 2023年第3期（总第120期）'],
      ['— 11 — 吕梁市人民政府公报 2023·3'],
    ])('%s is a running header of 吕梁市人民政府公报', (line) => {
      expect(isPageFurniture(line, LVLIANG)).toBe(true);
    });

    it('cannot tell a running header without the gazette name', () => {
      expect(isPageFurniture('吕梁市人民政府公报 2023·3 市政府文件', UNKNOWN)).toBe(false);
    });

    it('does not take the header of another gazette', () => {
      expect(isPageFurniture('汾阳市人民政府公报 2023·3', LVLIANG)).toBe(false);
    });
  });
});

describe('isRunningHeader', () => {
  const name = '吕梁市人民政府公报';

  it.each([
    ['吕梁市人民政府公报2023·3市政府文件'],
    ['市政府办公室文件吕梁市人民政府公报2023·3'],
    ['吕梁市人民政府公报'],
    ['吕梁市人民政府公报2023'],
    ['吕梁市人民政府公报第十一期'],
    ['吕梁市人民政府公报人事任免'],
    ['吕梁市人民政府公报市政府公告'],
    ['吕梁市人民政府公报规范性文件'],
    ['2023·3吕梁市人民政府公报市政府文件'],
  ])('%s is a header', (squashed) => {
    expect(isRunningHeader(squashed, name)).toBe(true);
  });

  it.each([
    ['《吕梁市人民政府公报》简介', 'a mention in book-title marks'],
    ['吕梁市人民政府公报是由市政府办公室主办的政府出版物，', 'a sentence'],
    ['根据吕梁市人民政府公报要求', 'no issue, no section'],
    ['吕梁市人民政府公报2023年第3期编辑部主办发行合订本全文电子版下载地址', 'more than 24 other characters'],
    ['吕梁市人民政府公报编辑部主办', 'no issue, no section, other words'],
    ['吕梁市人民政府', 'the government, not the gazette'],
  ])('%s is not a header (%s)', (squashed) => {
    expect(isRunningHeader(squashed, name)).toBe(false);
  });

  it('is false without a gazette name', () => {
    expect(isRunningHeader('吕梁市人民政府公报2023·3', null)).toBe(false);
  });
});
