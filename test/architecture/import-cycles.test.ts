import { describe, expect, it } from 'vitest';
import { importCycles, sourceFiles } from './source-graph.js';

describe('imports', () => {
  it('form no loop in src/, native/, main/, sandbox/ or renderer/ (issue 13: business-date ⇄ receipt-numbers, mpm-flow ⇄ mpm-offline, day-figures ⇄ day-rows)', () => {
    const files = ['src', 'native', 'main', 'sandbox', 'renderer/src', 'renderer/scan'].flatMap(sourceFiles);
    expect(importCycles(files)).toEqual([]);
  });
});
