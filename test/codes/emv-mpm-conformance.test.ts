import { describe, expect, it } from 'vitest';
import {
  CodeError,
  EmvFieldError,
  buildEmvMpm,
  decodeEmvMpm,
  parseEmvMpm,
} from '../../src/codes/index.js';
import { loadMpmVectors, loadSourceNames } from './mpm-vectors.js';

const vectors = loadMpmVectors();

describe('published EMV MPM vectors (fixtures/mpm-vectors.tsv)', () => {
  it('holds the published set: ok rows with a source each, and the three known-bad rows', () => {
    const sources = loadSourceNames();
    const ok = vectors.filter((row) => row.expect === 'ok');
    expect(ok).toHaveLength(37);
    expect(ok.filter((row) => !sources.has(row.name))).toEqual([]);
    expect(
      vectors
        .filter((row) => row.expect !== 'ok')
        .map((row) => row.expect)
        .sort(),
    ).toEqual(['bad-crc', 'malformed', 'malformed']);
  });

  it.each(vectors.filter((row) => row.expect === 'ok').map((row) => [row.name, row.payload]))(
    '%s parses with a valid CRC',
    (_name, payload) => {
      const nodes = decodeEmvMpm(payload);
      expect(nodes.at(-1)?.id).toBe('63');
      expect(parseEmvMpm(payload).merchantAccounts).not.toEqual({});
    },
  );

  it.each(
    vectors.filter((row) => row.expect !== 'ok').map((row) => [row.name, row.expect, row.payload]),
  )('%s is refused as %s', (_name, expected, payload) => {
    let error: unknown;
    try {
      parseEmvMpm(payload);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CodeError);
    expect((error as CodeError).reason).toBe(expected);
  });

  it('rebuilds every vector that follows the spec to the same payment, byte for byte when in ID order', () => {
    let rebuilt = 0;
    for (const { name, payload } of vectors.filter((row) => row.expect === 'ok')) {
      const mpm = parseEmvMpm(payload);
      let built: string;
      try {
        built = buildEmvMpm(mpm);
      } catch (error) {
        // Deviating samples (no MCC, zero amount, long city...) are read but never written.
        expect(error, name).toBeInstanceOf(EmvFieldError);
        continue;
      }
      rebuilt++;
      expect(parseEmvMpm(built), name).toEqual(mpm);
      const ids = decodeEmvMpm(payload)
        .map((node) => node.id)
        .slice(0, -1);
      if (ids.every((id, i) => i === 0 || ids[i - 1]! < id)) expect(built, name).toBe(payload);
    }
    expect(rebuilt).toBe(19);
  });
});
