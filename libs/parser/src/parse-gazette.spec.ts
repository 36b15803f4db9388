import { parseGazette } from './parse-gazette';
import { GazetteInputError } from './model/gazette-input.error';

/** Hand-written gazettes in layouts the sample corpus does not have. */

const lines = (...l: string[]) => l.join('\n');

describe('parseGazette on layouts beyond the samples', () => {
  it('segments documents separated only by their headings, without blank lines or a TOC', () => {
    const text = lines(
      '国务院关于印发新时代数据产业发展规划的通知',
      '国发〔2024〕5号',
      '各省、自治区、直辖市人民政府，国务院各部委、各直属机构：',
      '现将《新时代数据产业发展规划》印发给你们，请认真贯彻执行。',
      '国务院',
      '2024年3月1日',
      '（此件公开发布）',
      '新时代数据产业发展规划',
      '一、总体要求',
      '到2025年，数据产业规模年均增速超过20%。',
      '国务院办公厅关于同意建立数据工作部际联席会议制度的函',
      '国办函〔2024〕12号',
      '国家发展改革委：',
      '你委关于建立数据工作部际联席会议制度的请示收悉。经国务院同意，现函复如下：',
      '同意建立由你委牵头的数据工作部际联席会议制度。',
      '国务院办公厅',
      '2024年3月5日',
    );
    const result = parseGazette(text);
    expect(result.documents.map((d) => [d.doc_number, d.doc_type, d.issuers, d.signed_on, d.start_line])).toEqual([
      ['国发〔2024〕5号', '通知', ['国务院'], '2024-03-01', 1],
      ['国办函〔2024〕12号', '函', ['国务院办公厅'], '2024-03-05', 11],
    ]);
    expect(result.documents[0].title).toBe('国务院关于印发新时代数据产业发展规划的通知');
    expect(result.documents[0].recipients).toEqual(['各省、自治区、直辖市人民政府', '国务院各部委、各直属机构']);
    expect(result.documents[0].publicity).toBe('此件公开发布');
    expect(result.documents[0].attachments).toEqual(['新时代数据产业发展规划']);
    expect(result.documents[0].category).toBe('regulation');
  });

  it('normalises bracket shapes of doc numbers and reads Chinese-numeral signature dates', () => {
    const text = lines(
      '某某市人民政府',
      '关于同意设立某某经济开发区的批复',
      '某政函[2023]7 号',
      '某某县人民政府：',
      '你县请示收悉。经研究，同意设立。',
      '某某市人民政府',
      '二〇二三年四月十八日',
    );
    const [doc] = parseGazette(text).documents;
    expect(doc).toMatchObject({
      doc_number: '某政函〔2023〕7号',
      signed_on: '2023-04-18',
      doc_type: '批复',
      category: 'approval',
      issuers: ['某某市人民政府'],
      title: '某某市人民政府关于同意设立某某经济开发区的批复',
    });
  });

  it('finds a personnel notice that has no doc number by its heading and recipients', () => {
    const text = lines(
      '（此件公开发布）',
      '某某市人民政府',
      '关于王五同志任职的通知',
      '各县（市、区）人民政府，市直各单位：',
      '经市人民政府研究，决定任命王五同志为市财政局局长。',
      '某某市人民政府',
      '2023年1月5日',
    );
    const { documents } = parseGazette(text);
    expect(documents).toHaveLength(1);
    expect(documents[0]).toMatchObject({
      doc_number: null,
      start_line: 2,
      category: 'personnel',
      signed_on: '2023-01-05',
    });
    expect(documents[0].reasons).toContain('no document number');
    expect(documents[0].confidence).toBeLessThan(1);
  });

  it('reads a government order numbered 第N号 and takes the issuer from its title', () => {
    const text = lines(
      '某某市人民政府令',
      '第 5 号',
      '《某某市城市绿化管理办法》已经2023年3月1日市人民政府第10次常务会议通过，现予公布，自2023年5月1日起施行。',
      '市长 张三',
      '2023年3月15日',
    );
    const [doc] = parseGazette(text).documents;
    expect(doc).toMatchObject({
      doc_number: '第5号',
      doc_type: '命令',
      issuers: ['某某市人民政府'],
      signed_on: '2023-03-15',
    });
  });

  it('keeps joint issuers printed one per line, in order', () => {
    const text = lines(
      '某某市财政局',
      '某某市税务局',
      '关于调整契税征收有关事项的公告',
      '某财发〔2023〕3号',
      '为规范契税征收管理，现将有关事项公告如下：',
      '一、本公告自2023年7月1日起施行。',
      '某某市财政局 某某市税务局',
      '2023年6月1日',
    );
    const [doc] = parseGazette(text).documents;
    expect(doc.issuers).toEqual(['某某市财政局', '某某市税务局']);
    expect(doc.title).toBe('某某市财政局某某市税务局关于调整契税征收有关事项的公告');
    expect(doc.start_line).toBe(1);
  });

  it('assigns sections printed as 【…】 in the body', () => {
    const text = lines(
      '【市政府文件】',
      '某某市人民政府关于做好防汛工作的通知',
      '某政发〔2023〕1号',
      '各县人民政府：',
      '做好防汛工作。',
      '某某市人民政府',
      '2023年6月1日',
      '【人事任免】',
      '某某市人民政府关于李四职务任免的通知',
      '某政任〔2023〕2号',
      '各县人民政府：',
      '任命李四为市水利局局长。',
      '某某市人民政府',
      '2023年6月2日',
    );
    const { documents } = parseGazette(text);
    expect(documents.map((d) => d.section)).toEqual(['市政府文件', '人事任免']);
    expect(documents[1].category).toBe('personnel');
  });

  it('assigns sections printed bare in the body, with no TOC', () => {
    const text = lines(
      '县政府文件',
      '某某县人民政府关于做好防汛工作的通知',
      '某政发〔2023〕1号',
      '各乡镇：',
      '做好防汛工作。',
      '某某县人民政府',
      '2023年6月1日',
      '县政府办公室文件',
      '某某县人民政府办公室关于做好抗旱工作的通知',
      '某政办发〔2023〕2号',
      '各乡镇：',
      '做好抗旱工作。',
      '某某县人民政府办公室',
      '2023年6月2日',
    );
    expect(parseGazette(text).documents.map((d) => d.section)).toEqual(['县政府文件', '县政府办公室文件']);
  });

  it('reads the masthead: publisher, region, double issue, total issue, publication date', () => {
    const text = lines(
      '某某市人民政府公报',
      '2022 年第 11·12 期（总第 37 期）',
      '2022 年 12 月 30 日出版',
      '目 录',
      '某某市人民政府关于做好防汛工作的通知（某政发〔2022〕1 号）……1',
      '某某市人民政府关于做好防汛工作的通知',
      '某政发〔2022〕1号',
      '各县人民政府：',
      '做好防汛工作。',
      '某某市人民政府',
      '2022年6月1日',
    );
    const result = parseGazette(text);
    expect(result.gazette).toEqual({
      publisher: '某某市人民政府',
      region: '某某市',
      year: 2022,
      issue: '11-12',
      total_issue: 37,
      published_on: '2022-12-30',
    });
    expect(result.toc).toHaveLength(1);
    expect(result.documents).toHaveLength(1);
    expect(result.toc_check.entries_without_body).toEqual([]);
  });

  it('reports TOC entries without a body', () => {
    const text = lines(
      '目 录',
      '某某市人民政府关于做好防汛工作的通知（某政发〔2022〕1号）……1',
      '某某市人民政府关于做好抗旱工作的通知（某政发〔2022〕2号）……3',
      '某某市人民政府关于做好防汛工作的通知',
      '某政发〔2022〕1号',
      '各县人民政府：',
      '做好防汛工作。',
      '某某市人民政府',
      '2022年6月1日',
    );
    const result = parseGazette(text);
    expect(result.toc_check.entries_without_body.map((e) => e.doc_number)).toEqual(['某政发〔2022〕2号']);
    expect(result.warnings.join(' ')).toMatch(/1 table-of-contents entries have no document body/);
  });

  it('gives the same documents for markdown and HTML renderings, with start lines of the source', () => {
    const md = lines(
      '# 某某市人民政府公报',
      '',
      '## 某某市人民政府关于做好防汛工作的通知',
      '',
      '某政发〔2022〕1号',
      '',
      '各县人民政府：',
      '',
      '| 项目 | 金额 |',
      '| --- | --- |',
      '| 堤防 | 100万元 |',
      '',
      '某某市人民政府',
      '',
      '2022年6月1日',
    );
    const html = [
      '<!DOCTYPE html><html><head><title>公报</title></head><body>',
      '<h1>某某市人民政府公报</h1>',
      '<h2>某某市人民政府关于做好防汛工作的通知</h2><p>某政发〔2022〕1号</p>',
      '<p>各县人民政府：</p>',
      '<table><tr><td>堤防</td><td>100万元</td></tr></table>',
      '<p>某某市人民政府</p><p>2022年6月1日</p>',
      '</body></html>',
    ].join('\n');
    const fromMd = parseGazette(md).documents;
    const fromHtml = parseGazette(html).documents;
    expect(fromMd.map((d) => [d.doc_number, d.title, d.signed_on, d.start_line])).toEqual([
      ['某政发〔2022〕1号', '某某市人民政府关于做好防汛工作的通知', '2022-06-01', 3],
    ]);
    expect(fromHtml.map((d) => [d.doc_number, d.title, d.signed_on, d.start_line])).toEqual([
      ['某政发〔2022〕1号', '某某市人民政府关于做好防汛工作的通知', '2022-06-01', 3],
    ]);
    expect(fromMd[0].text).toContain('堤防 | 100万元');
    expect(fromHtml[0].text).toContain('堤防 | 100万元');
  });

  it('does not take a TOC that prints doc numbers on their own lines for documents', () => {
    const text = lines(
      '目录',
      '某某市人民政府关于做好防汛工作的通知',
      '（某政发〔2022〕1号）',
      '某某市人民政府关于做好抗旱工作的通知',
      '（某政发〔2022〕2号）',
      '某某市人民政府关于做好防汛工作的通知',
      '某政发〔2022〕1号',
      '各县人民政府：',
      '做好防汛工作。',
      '某某市人民政府',
      '2022年6月1日',
      '某某市人民政府关于做好抗旱工作的通知',
      '某政发〔2022〕2号',
      '各县人民政府：',
      '做好抗旱工作。',
      '某某市人民政府',
      '2022年6月2日',
    );
    const result = parseGazette(text);
    expect(result.documents.map((d) => [d.doc_number, d.start_line])).toEqual([
      ['某政发〔2022〕1号', 6],
      ['某政发〔2022〕2号', 12],
    ]);
    expect(result.toc.map((e) => e.doc_number)).toEqual(['某政发〔2022〕1号', '某政发〔2022〕2号']);
    expect(result.toc_check).toEqual({ entries_without_body: [], bodies_without_entry: [] });
  });

  it('reads a number-first layout, where the title follows the doc number', () => {
    const text = lines(
      '各地要抓好落实',
      '某政办发〔2023〕9号',
      '某某市人民政府办公室关于加强安全生产工作的通知',
      '各县人民政府：',
      '请加强安全生产工作。',
      '某某市人民政府办公室',
      '2023年2月1日',
    );
    const [doc] = parseGazette(text).documents;
    expect(doc).toMatchObject({
      doc_number: '某政办发〔2023〕9号',
      title: '某某市人民政府办公室关于加强安全生产工作的通知',
      start_line: 2,
      recipients: ['各县人民政府'],
    });
  });

  it('throws a typed error for empty input', () => {
    expect(() => parseGazette('  \n\n')).toThrow(GazetteInputError);
    expect(() => parseGazette(new Uint8Array())).toThrow(GazetteInputError);
  });

  it('can leave entities to a later stage, with the same documents and appointments', () => {
    const text = lines(
      '某某市人民政府关于王五任职的通知',
      '某政任〔2023〕1号',
      '各县人民政府：',
      '经2023年1月4日市人民政府常务会议研究，决定任命王五为市财政局局长。',
      '某某市人民政府',
      '2023年1月5日',
    );
    const full = parseGazette(text);
    const lean = parseGazette(text, { entities: false });
    expect(full.documents[0].entities.length).toBeGreaterThan(0);
    expect(lean.documents[0].entities).toEqual([]);
    expect(lean.documents.map(({ entities: _e, regulation: _r, ...d }) => d)).toEqual(
      full.documents.map(({ entities: _e, regulation: _r, ...d }) => d),
    );
    expect(lean.appointments).toEqual(full.appointments);
  });

  it('takes no document from a TOC entry of an editorial section or without a kind', () => {
    const text = lines(
      '目录',
      '【市政府文件】',
      '某某市人民政府关于做好防汛工作的通知（某政发〔2022〕1号）……1',
      '【政策解读】',
      '《某某市防汛工作办法》政策解读……3',
      '关于做好防汛工作的解读……4',
      '某某市人民政府关于做好防汛工作的通知',
      '某政发〔2022〕1号',
      '各县人民政府：',
      '做好防汛工作。',
      '某某市人民政府',
      '2022年6月1日',
      '《某某市防汛工作办法》政策解读',
      '一、出台背景。为做好防汛工作，制定本办法。',
      '关于做好防汛工作的解读',
      '二、主要内容。',
    );
    const result = parseGazette(text);
    expect(result.documents.map((d) => d.doc_number)).toEqual(['某政发〔2022〕1号']);
    expect(result.toc).toHaveLength(3);
  });
});
