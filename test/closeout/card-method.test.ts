import { afterEach, describe, expect, it } from 'vitest';
import { useTempDir } from '../helpers/temp-dir.js';
import { walletCode } from '../payments/harness.js';
import { type ClosingTill, OWNER_PIN, kst, startClosingTill, until } from './closing-till.js';
import { printedLines } from './printed-report.js';

const tempDir = useTempDir('pos-closeout-card-');
let till: ClosingTill | undefined;
afterEach(async () => {
  await till?.close();
  till = undefined;
});

describe('card slips in the Z (issue 15, Deliver 3: 현금, 카드, 간편결제 per wallet, 기타)', () => {
  it('counts a card slip under 카드, not under 간편결제 or a wallet, and leaves it out of the gateway reconciliation', async () => {
    till = await startClosingTill(tempDir(), kst('2026-03-10T10:00:00'));
    const { engine, closeout } = till;
    const card = engine.openSale({ lines: [{ name: '와인', unitPrice: 33_000, quantity: 1, tax: 'taxable' }] });
    await engine.takeCardSlip(card.saleId, { approvalNumber: '30012345', cardCompany: '신한', installmentMonths: 0 });
    await engine.payByCode(engine.openSale({ lines: [{ name: '물', unitPrice: 1_000, quantity: 1, tax: 'taxable' }] }).saleId, walletCode(1));
    await until(() => till!.ledger.outbox.depth() === 0, 'synced');
    till.clock.set(kst('2026-03-10T22:00:00'));
    const z = await closeout.z({ ownerPin: OWNER_PIN });
    expect(z.byMethod.card.sales).toEqual({ count: 1, amount: 33_000 });
    expect(z.byMethod.easyPay.sales).toEqual({ count: 1, amount: 1_000 });
    expect(z.byWallet.other.sales).toEqual({ count: 0, amount: 0 });
    expect(z.totals.gross).toBe(34_000);
    expect(z.reconciliation).toMatchObject({ status: 'done', matched: 1, missingAtGateway: [], missingInPos: [] });
    expect(printedLines(z, 'korean-80').lines.join('\n')).toMatch(/카드\s+33,000/);
  });
});
