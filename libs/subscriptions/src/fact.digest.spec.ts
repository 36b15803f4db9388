import { createHash } from 'node:crypto';
import { factDigest } from './fact.digest';
import { appointmentPayload } from './fact.fixture';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('factDigest', () => {
  it('is the sha256 hex of the canonical JSON: keys sorted, no whitespace', () => {
    expect(factDigest({ b: 1, a: { d: [2, { f: null, e: 'x' }], c: true } })).toBe(
      sha256('{"a":{"c":true,"d":[2,{"e":"x","f":null}]},"b":1}'),
    );
  });

  it('does not depend on key order at any depth', () => {
    expect(factDigest({ a: 1, b: { c: 2, d: 3 } })).toBe(factDigest({ b: { d: 3, c: 2 }, a: 1 }));
  });

  it('depends on array order and on every value', () => {
    expect(factDigest({ a: [1, 2] })).not.toBe(factDigest({ a: [2, 1] }));
    expect(factDigest({ a: '1' })).not.toBe(factDigest({ a: 1 }));
    expect(factDigest({ a: null })).not.toBe(factDigest({}));
  });

  it('ignores the top-level pipeline_version only', () => {
    const payload = appointmentPayload();
    expect(factDigest({ ...payload, pipeline_version: 'parser-2' })).toBe(factDigest(payload));
    expect(factDigest({ nested: { pipeline_version: 'a' } })).not.toBe(
      factDigest({ nested: { pipeline_version: 'b' } }),
    );
  });

  it('changes when the fact changes', () => {
    expect(factDigest(appointmentPayload({ position: '市财政局副局长' }))).not.toBe(factDigest(appointmentPayload()));
  });

  it('leaves out undefined members as JSON does, and writes them as null in arrays', () => {
    expect(factDigest({ a: 1, b: undefined })).toBe(factDigest({ a: 1 }));
    expect(factDigest({ a: [undefined] })).toBe(sha256('{"a":[null]}'));
  });

  it('sorts keys by UTF-16 code units and escapes strings as JSON', () => {
    expect(factDigest({ é: 1, z: 2, Z: 3, 吕: '"\n' })).toBe(sha256('{"Z":3,"z":2,"é":1,"吕":"\\"\\n"}'));
  });

  it('refuses what JSON cannot carry', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => factDigest(cyclic)).toThrow(/cyclic/);
    expect(() => factDigest({ n: 1n })).toThrow(/bigint/);
  });

  it('accepts the same object twice in one payload', () => {
    const shared = { a: 1 };
    expect(factDigest({ x: shared, y: shared })).toBe(sha256('{"x":{"a":1},"y":{"a":1}}'));
  });
});
