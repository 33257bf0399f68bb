import { describe, expect, it } from 'vitest';
import { runPrinterFaults, tallyPrinted } from '../../../bench/reliability/printer-faults.js';
import { COPY_MARKER } from '../../../src/receipts/receipt-layout.js';

describe('printer fault check', () => {
  it('prints every receipt once through cable pulls, paper out, cover open and power cuts', async () => {
    const result = await runPrinterFaults({ jobs: 12, seed: 3 });
    expect(result).toMatchObject({
      name: 'printer_faults',
      ok: true,
      jobs: 12,
      printed: 12,
      lost: 0,
      doubled: 0,
      garbled: 0,
    });
    const faults = result.faults as Record<string, number>;
    expect(Object.values(faults).reduce((a, b) => a + b, 0)).toBe(12);
    expect(faults.none).toBeLessThan(12);
  });

  it('counts a planted lost, doubled and garbled receipt', () => {
    const [a, b, c] = [
      ['A', '1'],
      ['B', '2'],
      ['C', '3'],
    ];
    expect(tallyPrinted([a!, b!, c!], [a!, a!, c!, ['B', '2', 'torn']])).toEqual({
      jobs: 3,
      printed: 4,
      lost: 1,
      doubled: 1,
      garbled: 1,
    });
    expect(tallyPrinted([a!, b!], [b!, a!])).toMatchObject({ lost: 0, doubled: 0, garbled: 0 });
  });

  it('counts a job resent under the 재출력 mark as that job, and a copy beside its original as a double', () => {
    const [a, b] = [
      ['A', '1'],
      ['B', '2'],
    ];
    const copyOf = (receipt: string[]) => [`   ${COPY_MARKER}   `, ...receipt];
    expect(tallyPrinted([a!, b!], [a!, copyOf(b!)])).toMatchObject({ lost: 0, doubled: 0, garbled: 0 });
    expect(tallyPrinted([a!, b!], [a!, b!, copyOf(b!)])).toMatchObject({ lost: 0, doubled: 1, garbled: 0 });
  });
});
