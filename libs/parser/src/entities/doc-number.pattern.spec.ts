import type { Entity } from '../model/gazette.model';
import { findDocNumbers, normaliseDocNumber } from './doc-number.pattern';

function numbers(text: string): Entity[] {
  const found = findDocNumbers(text);
  for (const e of found) expect(text.slice(e.start, e.end)).toBe(e.text);
  return found;
}

const values = (text: string): unknown[] => numbers(text).map((e) => e.value);

describe('normaliseDocNumber', () => {
  it.each([
    ['吕政发〔2023〕4 号', '吕政发〔2023〕4号'],
    ['临政办函[2022]38号', '临政办函〔2022〕38号'],
    ['中政办发(2023)14号', '中政办发〔2023〕14号'],
    ['晋政发（2022）11号', '晋政发〔2022〕11号'],
    ['晋政发［2022］11号', '晋政发〔2022〕11号'],
    ['晋政发【2022】11号', '晋政发〔2022〕11号'],
    ['吕能科创发\n〔 2022 〕3 号', '吕能科创发〔2022〕3号'],
  ])('%j → %s', (raw, expected) => {
    expect(normaliseDocNumber(raw)).toBe(expected);
  });
});

describe('findDocNumbers', () => {
  it('finds a number on its own line, with offsets', () => {
    expect(numbers('决定\n吕政发〔2023〕4 号\n吕梁能源科创有限公司：')).toEqual([
      { type: 'cited_doc_number', text: '吕政发〔2023〕4 号', start: 3, end: 15, value: '吕政发〔2023〕4号' },
    ]);
  });

  it.each([
    ['[2022]', '（临政办函[2022]38号）', '临政办函〔2022〕38号'],
    ['(2023)', '的函(中政办发(2023)14号)', '中政办发〔2023〕14号'],
    ['（2023）', '（晋政发（2023）3号）', '晋政发〔2023〕3号'],
    ['［2023］', '（晋政发［2023］3号）', '晋政发〔2023〕3号'],
  ])('reads the year bracket printed as %s', (_bracket, text, value) => {
    expect(values(text)).toEqual([value]);
  });

  it('follows a number across line breaks inside brackets', () => {
    const [a] = numbers('申请》（吕能科创发\n〔2022〕3 号）及');
    expect(a.text).toBe('吕能科创发\n〔2022〕3 号');
    expect(a.value).toBe('吕能科创发〔2022〕3号');
    expect(values('通知》（晋政\n发〔2023〕3 号）要求')).toEqual(['晋政发〔2023〕3号']);
  });

  it('cuts the issuer code from running text', () => {
    expect(values('矿井为2009年7月7日县政府以中政字〔2009〕20号文上报')).toEqual(['中政字〔2009〕20号']);
    expect(values('根据晋政发〔2022〕11号文件精神')).toEqual(['晋政发〔2022〕11号']);
  });

  it('reads decree numbers after a 令 title', () => {
    expect(values('《城市绿线管理办法》（建设部令第 112 号）')).toEqual(['建设部令第112号']);
    expect(values('吕梁市人民政府令\n第 5 号')).toEqual(['吕梁市人民政府令第5号']);
    expect(values('山西省人民政府令第三号')).toEqual(['山西省人民政府令第3号']);
  });

  it.each([
    ['minutes counted in 次', '市政府常务会议纪要〔2022〕10 次精神'],
    ['a bracketed year without an issuer', '〔2023〕4号'],
    ['a year in brackets that is not a number', '行动方案（2021-2025年）'],
    ['a 第N号 without a 令 title', '第 5 号楼'],
  ])('ignores %s', (_label, text) => {
    expect(numbers(text)).toEqual([]);
  });
});
