import { createHash } from 'node:crypto';
import { tenureId } from './tenure-id';

describe('tenureId', () => {
  it('is the first 32 hex characters of a sha256 of person, post key and start', () => {
    const expected = createHash('sha256').update('张欣\u001f兴县“四·八”烈士纪念馆馆长\u001f2023-05-19').digest('hex');
    expect(tenureId('张欣', '兴县“四·八”烈士纪念馆馆长', '2023-05-19')).toBe(expected.slice(0, 32));
  });

  it('writes "unknown" for a missing start', () => {
    const expected = createHash('sha256').update('王吉\u001f吕梁市人民政府副秘书长\u001funknown').digest('hex');
    expect(tenureId('王吉', '吕梁市人民政府副秘书长', null)).toBe(expected.slice(0, 32));
  });

  it('does not depend on layout spaces or character width', () => {
    expect(tenureId('王 吉', '吕梁市人民政府 副秘书长', null)).toBe(tenureId('王吉', '吕梁市人民政府副秘书长', null));
    expect(tenureId('武丽云', '市中心（所）主任', null)).toBe(tenureId('武丽云', '市中心(所)主任', null));
  });

  it('tells apart tenures that differ in any part', () => {
    const ids = new Set([
      tenureId('王吉', '吕梁市人民政府副秘书长', null),
      tenureId('王吉', '吕梁市人民政府副秘书长', '2023-04-22'),
      tenureId('王吉', '吕梁市人民政府秘书长', null),
      tenureId('王', '吉吕梁市人民政府副秘书长', null),
    ]);
    expect(ids.size).toBe(4);
  });
});
