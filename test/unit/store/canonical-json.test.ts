import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../src/store/canonical-json.js';

describe('canonical JSON', () => {
  it('sorts keys at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}',
    );
  });

  it('gives the same text for the same value however its keys were ordered', () => {
    expect(canonicalJson({ x: 1, y: [1, 2] })).toBe(canonicalJson(JSON.parse('{"y":[1,2],"x":1}')));
  });

  it('sorts keys by UTF-16 code units, as RFC 8785 does', () => {
    // RFC 8785 §3.2.3's example order: "\r" < "1" < "\u0080" < "ö" < "€" < "😀" < "\ufb33".
    const keys = ['\u20ac', '\r', '\ufb33', '1', '\ud83d\ude00', '\u0080', '\u00f6'];
    const value = Object.fromEntries(keys.map((key, index) => [key, index]));
    expect(Object.keys(JSON.parse(canonicalJson(value)))).toEqual([
      '1',
      '\r',
      '\u0080',
      '\u00f6',
      '\u20ac',
      '\ud83d\ude00',
      '\ufb33',
    ]);
  });

  it('writes strings and numbers as JSON.stringify does', () => {
    expect(canonicalJson(['é\n"\\', 1e21, 1e-7, -0, 0.1 + 0.2, 5])).toBe(
      '["é\\n\\"\\\\",1e+21,1e-7,0,0.30000000000000004,5]',
    );
  });

  it('leaves out object members that are undefined, like JSON.stringify and jsonb', () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
  });

  it('refuses what JSON cannot represent, naming where it is', () => {
    expect(() => canonicalJson({ a: [1, Number.NaN] })).toThrow(/\$\.a\[1\] is NaN/);
    expect(() => canonicalJson({ n: 1n })).toThrow(/\$\.n is a bigint/);
    expect(() => canonicalJson([undefined])).toThrow(/\$\[0\] is undefined/);
    expect(() => canonicalJson({ at: new Date(0) })).toThrow(/\$\.at is not a plain object/);
    expect(() => canonicalJson(Number.POSITIVE_INFINITY)).toThrow(/Infinity/);
  });
});
