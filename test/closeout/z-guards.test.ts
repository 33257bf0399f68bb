import { afterEach, describe, expect, it } from 'vitest';
import { CloseoutError, UnresolvedPaymentsError } from '../../src/closeout/index.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { walletCode } from '../payments/harness.js';
import { type ClosingTill, OWNER_PIN, kst, startClosingTill, until } from './closing-till.js';

const tempDir = useTempDir('pos-closeout-guards-');
let till: ClosingTill | undefined;
afterEach(async () => {
  await till?.close();
  till = undefined;
});

const cart = (price: number) => ({ lines: [{ name: '맥주', unitPrice: price, quantity: 1, tax: 'taxable' as const }] });

describe('Z report guards', () => {
  it('records payments still unknown as open when the owner chooses to; they resolve in the next day', async () => {
    // The inquiry deadline (6 h of till time) outlasts the jump to 23:30 but not the one to the
    // next morning, so the network cancellation cannot race the Z and lands in the new day.
    till = await startClosingTill(tempDir(), kst('2026-03-10T21:00:00'), 4, { inquiry: { intervalMs: 50, deadlineMs: 6 * 3_600_000 } });
    const { engine, closeout, clock } = till;
    const sale = engine.openSale(cart(6_000));
    const paying = engine.payByCode(sale.saleId, walletCode(1, '0096'));
    await until(() => engine.store.tendersOfSale(sale.saleId).some((t) => t.state === 'inquiring'), 'inquiring');
    const tenderId = engine.store.tendersOfSale(sale.saleId)[0]!.tenderId;

    clock.set(kst('2026-03-10T23:30:00'));
    const refused = await closeout.z({ ownerPin: OWNER_PIN }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(UnresolvedPaymentsError);
    expect((refused as UnresolvedPaymentsError).items.map((i) => [i.kind, i.ref, i.state])).toEqual([
      ['tender', tenderId, 'inquiring'],
      ['sale', sale.saleId, 'open'],
    ]);

    const z = await closeout.z({ ownerPin: OWNER_PIN, recordOpen: true });
    expect(z.closing).toMatchObject({ recordedOpen: true, nextBusinessDate: '2026-03-11' });
    expect(z.openItems.unresolved.map((i) => i.ref)).toEqual([tenderId, sale.saleId]);
    expect(z.gross).toEqual({ count: 0, amount: 0 });

    // The wallet never answers: the reversal and the cash that replaced it belong to the day now open.
    clock.set(kst('2026-03-11T10:00:00'));
    await paying;
    await until(() => engine.store.tender(tenderId)?.state === 'reversed', 'reversed');
    await engine.takeCash(sale.saleId, 6_000);
    const next = await closeout.x();
    expect(next).toMatchObject({ businessDate: '2026-03-11', networkCancellations: { count: 1, amount: 6_000 }, gross: { count: 1, amount: 6_000 } });
    expect(await closeout.x({ businessDate: '2026-03-10' })).toEqual(z);
  });

  it('numbers a sale carried over as open in the day it completes, leaving the closed day’s receipts as its Z printed them', async () => {
    till = await startClosingTill(tempDir(), kst('2026-03-10T21:00:00'));
    const { engine, closeout, clock } = till;
    await engine.takeCash(engine.openSale(cart(3_000)).saleId, 3_000);
    const carried = engine.openSale(cart(6_000));
    const paying = engine.payByCode(carried.saleId, walletCode(2, '0096'));
    await until(() => engine.store.tendersOfSale(carried.saleId).some((t) => t.state === 'inquiring'), 'inquiring');
    clock.set(kst('2026-03-10T23:30:00'));
    const z = await closeout.z({ ownerPin: OWNER_PIN, recordOpen: true });
    expect(z.receipts).toEqual({ count: 1, first: '20260310-T01-0001', last: '20260310-T01-0001' });

    clock.set(kst('2026-03-11T10:00:00'));
    await paying;
    await until(() => engine.store.tendersOfSale(carried.saleId)[0]!.state === 'reversed', 'reversed');
    await engine.takeCash(carried.saleId, 6_000);
    // The customer's receipt is issued today: today's first number, counted in today's receipts.
    expect(engine.store.sale(carried.saleId)).toMatchObject({ state: 'completed', receiptNumber: '20260311-T01-0001', businessDate: '2026-03-11' });
    expect(engine.findSale('20260311-T01-0001')?.sale.saleId).toBe(carried.saleId);
    await engine.takeCash(engine.openSale(cart(1_000)).saleId, 1_000);
    expect((await closeout.x()).receipts).toEqual({ count: 2, first: '20260311-T01-0001', last: '20260311-T01-0002' });
    expect((await closeout.x({ businessDate: '2026-03-10' })).receipts).toEqual(z.receipts);
  });

  it('dates the next business day by the cut-off hour, and refuses to close a day that has not begun', async () => {
    till = await startClosingTill(tempDir(), kst('2026-03-10T18:00:00'));
    const { engine, closeout, clock } = till;
    await engine.takeCash(engine.openSale(cart(5_000)).saleId, 5_000);
    // A bar: its 02:00 sale still belongs to the evening's day; closing at 03:00 opens the 11th.
    clock.set(kst('2026-03-11T02:00:00'));
    await engine.takeCash(engine.openSale(cart(7_000)).saleId, 7_000);
    clock.set(kst('2026-03-11T03:00:00'));
    const first = await closeout.z({ ownerPin: OWNER_PIN, businessDate: '2026-03-10' });
    expect(first).toMatchObject({ businessDate: '2026-03-10', gross: { count: 2, amount: 12_000 }, closing: { nextBusinessDate: '2026-03-11' } });
    expect(first.salesByHour.map((h) => h.hour)).toEqual([18, 2]);

    // A second Z at 03:00 would close the 11th, which begins at the 04:00 cut-off.
    const early = await closeout.z({ ownerPin: OWNER_PIN }).catch((error: unknown) => error);
    expect(early).toBeInstanceOf(CloseoutError);
    expect(early).toMatchObject({ code: 'not-begun' });

    await engine.takeCash(engine.openSale(cart(3_000)).saleId, 3_000);
    // The owner forgets to close; at 01:00 on the 13th the hours before 04:00 still count as the 12th.
    clock.set(kst('2026-03-13T01:00:00'));
    const late = await closeout.z({ ownerPin: OWNER_PIN, businessDate: '2026-03-11' });
    expect(late.closing!.nextBusinessDate).toBe('2026-03-12');
    expect(engine.openSale(cart(1_000)).businessDate).toBe('2026-03-12');
  });
});
