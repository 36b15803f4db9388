import type { Entity } from '../model/gazette.model';
import { findPhones } from './phone.pattern';

function phones(text: string): Entity[] {
  const found = findPhones(text);
  for (const e of found) expect(text.slice(e.start, e.end)).toBe(e.text);
  return found;
}

const values = (text: string): unknown[] => phones(text).map((e) => e.value);

describe('findPhones', () => {
  it('reads a labelled local number with its offsets', () => {
    expect(phones('咨询电话：8296746 扫码咨询')).toEqual([
      { type: 'phone', text: '8296746', start: 5, end: 12, value: '8296746' },
    ]);
  });

  it('reads numbers with an area code, bracketed or hyphenated', () => {
    expect(values('电 话：(0358) 5300600')).toEqual(['0358-5300600']);
    expect(values('（0357）2091150')).toEqual(['0357-2091150']);
    expect(values('请拨打0358-5300600-801咨询')).toEqual(['0358-5300600-801']);
  });

  it('reads mobile numbers, masked ones after a label', () => {
    expect(values('手机13812345678')).toEqual(['13812345678']);
    expect(values('或拨打138-1234-5678')).toEqual(['13812345678']);
    expect(values('联系人:王 健 电话:139 ****2654')).toEqual(['139****2654']);
  });

  it('reads every number of a labelled list', () => {
    expect(values('联系电话：8296746、8296747')).toEqual(['8296746', '8296747']);
  });

  it('reads short public service numbers named as hotlines', () => {
    expect(values('依托吕梁市12345政务服务热线加强')).toEqual(['12345']);
    expect(values('充分运用“12345”热线')).toEqual(['12345']);
    expect(values('服务热线：12345')).toEqual(['12345']);
  });

  it.each([
    ['a bare seven-digit number', '共有8296746人'],
    ['a year range', '（2021-2025年）'],
    ['an amount that looks like a mobile', '投资13000000000元'],
    ['table cells', '190 1500 4500'],
    ['a label without a number', '紧急情况务必第一时间电话报告'],
    ['a postcode', '邮 编：033400'],
  ])('ignores %s', (_label, text) => {
    expect(phones(text)).toEqual([]);
  });
});
