import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { businessDateAfterClose } from '../../src/payments/business-date.js';
import { businessDateAt, dayAfter } from '../../src/platform/business-time.js';
import { ManualClock } from '../../src/platform/clock.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { openTill, startGateway } from './harness.js';

const kst = (iso: string) => Date.parse(`${iso}+09:00`);

const tempDir = useTempDir();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A till whose journal is empty, on a clock at `at`: its first sale opens its first business day. */
async function newTill(at: number, cutoffHour?: number) {
  const dir = tempDir();
  const clock = new ManualClock(at);
  const { sandbox, client } = await startGateway(dir, 'T01', clock);
  const { engine, ledger } = openTill(dir, client(), { clock, config: { terminalId: 'T01', ...(cutoffHour === undefined ? {} : { cutoffHour }) } });
  engine.start();
  cleanups.push(() => sandbox.close(), () => ledger.close(), () => engine.stop());
  return engine;
}

const cart = { lines: [{ name: '맥주', unitPrice: 5_000, quantity: 1, tax: 'taxable' as const }] };

describe('business dates with a cut-off hour', () => {
  it('keeps the hours before the cut-off on the evening’s date', () => {
    expect(businessDateAt(kst('2026-01-06T01:30:00'), 4)).toBe('2026-01-05');
    expect(businessDateAt(kst('2026-01-06T04:00:00'), 4)).toBe('2026-01-06');
    expect(businessDateAt(kst('2026-01-06T01:30:00'), 0)).toBe('2026-01-06');
    expect(() => businessDateAt(0, 24)).toThrow(RangeError);
  });

  it('opens the next day after a close on a date after the closed one, never the closed one', () => {
    expect(businessDateAfterClose('2026-01-05', kst('2026-01-05T23:00:00'), 4)).toBe('2026-01-06');
    expect(businessDateAfterClose('2026-01-05', kst('2026-01-06T02:00:00'), 4)).toBe('2026-01-06');
    expect(businessDateAfterClose('2026-01-05', kst('2026-01-08T02:00:00'), 4)).toBe('2026-01-07');
    expect(dayAfter('2024-02-28')).toBe('2024-02-29');
    expect(dayAfter('2026-12-31')).toBe('2027-01-01');
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 0, 1) }), fc.integer({ min: 0, max: 23 }), fc.integer({ min: -3, max: 3 }), (ms, cutoff, offsetDays) => {
        const closed = new Date(Date.parse(`${businessDateAt(ms, cutoff)}T00:00:00Z`) + offsetDays * 86_400_000).toISOString().slice(0, 10);
        const next = businessDateAfterClose(closed, ms, cutoff);
        expect(next > closed).toBe(true);
        expect(next >= businessDateAt(ms, cutoff)).toBe(true);
      }),
    );
  });

  it('dates the till’s very first business day by the cut-off hour, like every later one', async () => {
    // A bar's first ever sale at 02:00 on the 6th, cut-off 04:00: the evening of the 5th.
    const bar = await newTill(kst('2026-01-06T02:00:00'), 4);
    const sale = bar.openSale(cart);
    expect(sale.businessDate).toBe('2026-01-05');
    await bar.takeCash(sale.saleId, 5_000);
    expect(bar.store.sale(sale.saleId)!.receiptNumber).toBe('20260105-T01-0001');
    expect(bar.store.openBusinessDate()).toBe('2026-01-05');
    // The cut-off comes from config: a shop that turns the date at midnight books it on the 6th.
    const cafe = await newTill(kst('2026-01-06T02:00:00'), 0);
    expect(cafe.openSale(cart).businessDate).toBe('2026-01-06');
  });
});
