import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/ledger/index.js';
import { GENESIS_HASH, chainHash } from '../../src/ledger/hash-chain.js';

// Pinned bytes: rows already on tills were hashed this way, so a faster encoder
// must produce exactly the same text, or `journal verify` would call every old
// row edited. The expected values were computed by the encoders as first shipped.
describe('the hash chain\'s byte format', () => {
  it('sorts keys by UTF-16 code unit at every level and leaves out undefined', () => {
    expect(canonicalJson({ z: 1, a: [1, 'b', { y: null, x: true, u: undefined }], é: 2, B: -0.5, '': 'e' })).toBe(
      '{"":"e","B":-0.5,"a":[1,"b",{"x":true,"y":null}],"z":1,"é":2}',
    );
  });

  it('refuses what JSON cannot hold', () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson([undefined])).toThrow(TypeError);
    expect(() => canonicalJson({ a: 1n })).toThrow(TypeError);
  });

  it('hashes a row to the value rows already stored carry', () => {
    const row = {
      seq: 7,
      recordId: '0b7f3a52-5d43-4c3e-9a34-7d2b1c0e9f11',
      kind: 'tender.state',
      aggregateId: 'T01-P-20260105-0001',
      at: 1767571200000,
      body: '{"amount":4500,"memo":"아메리카노 \\"큰\\"","to":"approved"}',
    };
    expect(chainHash(GENESIS_HASH, row)).toBe('19a2e07733bba627c432bf6941153ca2d45555a2a3730d05d8e09654edcb93dd');
    expect(() => chainHash(GENESIS_HASH, { ...row, at: Number.POSITIVE_INFINITY })).toThrow(TypeError);
  });
});
