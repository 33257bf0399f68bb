import { readFileSync } from 'node:fs';

/** One row of fixtures/mpm-vectors.tsv. */
export interface MpmVector {
  name: string;
  expect: 'ok' | 'bad-crc' | 'malformed';
  payload: string;
}

/** The published MPM payloads (see fixtures/README.md). */
export function loadMpmVectors(): MpmVector[] {
  const text = readFileSync(new URL('./fixtures/mpm-vectors.tsv', import.meta.url), 'utf8');
  return text
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [name, expect, payload] = line.split('\t');
      return { name: name!, expect: expect as MpmVector['expect'], payload: payload! };
    });
}

/** Names listed in fixtures/sources.tsv. */
export function loadSourceNames(): Set<string> {
  const text = readFileSync(new URL('./fixtures/sources.tsv', import.meta.url), 'utf8');
  return new Set(
    text
      .trim()
      .split('\n')
      .map((line) => line.split('\t')[0]!),
  );
}

/** A payload by vector name. */
export function vector(name: string): string {
  const found = loadMpmVectors().find((row) => row.name === name);
  if (!found) throw new Error(`no vector ${name}`);
  return found.payload;
}
