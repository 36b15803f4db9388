import type { Entity } from '../model/gazette.model';
import { findDocNumbers } from './doc-number.pattern';
import { attachDocNumbers, findLawTitles } from './law-title.pattern';

function laws(text: string): Entity[] {
  const found = findLawTitles(text);
  for (const e of found) expect(text.slice(e.start, e.end)).toBe(e.text);
  return found;
}

describe('findLawTitles', () => {
  it('reads a title with its offsets and a squashed value', () => {
    expect(laws('依据《中华人民共和国土地\n管理法》相关规定')).toEqual([
      {
        type: 'law',
        text: '《中华人民共和国土地\n管理法》',
        start: 2,
        end: 17,
        value: '中华人民共和国土地管理法',
        doc_number: null,
      },
    ]);
  });

  it('keeps nested titles inside the outer one', () => {
    const text = '《中阳县人民政府办公室关于印发〈中阳县村级光伏公益岗位设置管理暂行办法〉的通知》同时废止';
    expect(laws(text).map((e) => e.value)).toEqual([
      '中阳县人民政府办公室关于印发〈中阳县村级光伏公益岗位设置管理暂行办法〉的通知',
    ]);
    expect(laws('《关于印发《XX办法》的通知》').map((e) => e.value)).toEqual(['关于印发《XX办法》的通知']);
    expect(laws('《关于印发<山西省园林城市申报与评选管理办法>的通知》')).toHaveLength(1);
  });

  it('reads consecutive titles separately', () => {
    expect(laws('《土地储备管理办法》《吕梁市规划区土地储备实施办法》').map((e) => e.value)).toEqual([
      '土地储备管理办法',
      '吕梁市规划区土地储备实施办法',
    ]);
  });

  it('skips an unclosed mark and periodicals', () => {
    expect(laws('《未闭合的标题 …… 《管理办法》').map((e) => e.value)).toEqual(['管理办法']);
    expect(laws('刊登于《人民日报》和《吕梁市人民政府公报》')).toEqual([]);
  });
});

describe('attachDocNumbers', () => {
  it('sets the number printed in brackets after the title', () => {
    const text =
      '按照《山西省人民政府关于做好第三次全国土壤普查工作的通知》(晋政发〔2022〕11号)要求，依据《管理办法》，吕政发〔2023〕4号';
    const found = findLawTitles(text);
    attachDocNumbers(text, found, findDocNumbers(text));
    expect(found.map((e) => e.doc_number)).toEqual(['晋政发〔2022〕11号', null]);
  });
});
