import { afterEach, describe, expect, it } from 'vitest';
import { SELF_ISSUE_NUMBER } from '../../src/payments/cash-receipts.js';
import { CheckoutSession } from '../../src/payments/checkout-session.js';
import { IdFactory } from '../../src/payments/ids.js';
import type { ReceiptPrinter } from '../../src/devices/printer.js';
import { layoutReceipt, receiptPlainText } from '../../src/receipts/receipt-layout.js';
import type { ReceiptDocument } from '../../src/receipts/receipt-document.js';
import { systemClock } from '../../src/platform/clock.js';
import { silentLogger } from '../../src/platform/logger.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { MANAGER_PIN, openTill, startGateway, waitFor } from './harness.js';

const tempDir = useTempDir();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function till() {
  const dir = tempDir();
  const { sandbox, client } = await startGateway(dir);
  const printed: string[] = [];
  // A printer port that keeps each document as the paper would read.
  const printer = {
    deviceId: 'paper',
    print: (doc: ReceiptDocument) => {
      printed.push(receiptPlainText(layoutReceipt(doc, 42), 42).join('\n'));
      return Promise.resolve({ state: 'printed' as const, jobId: String(printed.length) });
    },
  } as unknown as ReceiptPrinter;
  const store = { name: '김밥천국', businessNumber: '1248100998', representative: '김대표', address: '서울', phone: '02-000-0000' };
  const { engine, ledger } = openTill(dir, client(), { receipts: { printer, context: () => ({ store, terminalId: 'T01', training: false }), logger: silentLogger } });
  engine.start();
  cleanups.push(() => sandbox.close(), () => ledger.close(), () => engine.stop());
  return { engine, sandbox, printed };
}

const cart = { lines: [{ name: '도시락', unitPrice: 6_500, quantity: 1, tax: 'taxable' as const }] };
const kinds = (engine: Awaited<ReturnType<typeof till>>['engine'], aggregate: string) => engine.store.ledger.journal.forAggregate(aggregate).map((r) => r.kind);

describe('현금영수증 at the counter (issue 13, point 7)', () => {
  it('is asked with the cash, journaled before the receipt prints, issued through the gateway and printed as a slip', async () => {
    const { engine, printed } = await till();
    const sale = engine.openSale(cart);
    const { tender } = await engine.takeCash(sale.saleId, 10_000, { cashReceipt: { identifier: '010-9876-5432' } });
    // The receipt printed at completion already sees the request (용도 and masked number).
    expect(printed[0]).toMatch(/현금영수증\s+소득공제[\s\S]*식별번호\s+010-\*{4}-5432[\s\S]*승인번호\s+발급 요청됨/);
    expect(engine.store.cashReceipt(tender.tenderId)).toMatchObject({ masked: '010-****-5432', purpose: 'deduction' });
    await waitFor(() => engine.store.cashReceipt(tender.tenderId)?.state === 'issued');
    const approval = engine.store.cashReceipt(tender.tenderId)!.approvalNumber!;
    expect(approval).toMatch(/^\d{9}$/);
    await waitFor(() => printed.length === 2);
    expect(printed[1]).toMatch(new RegExp(`용도\\s+소득공제[\\s\\S]*식별번호\\s+010-\\*{4}-5432[\\s\\S]*승인번호\\s+${approval}`));
    expect(printed[1]).toContain(engine.store.sale(sale.saleId)!.receiptNumber!);
    expect(printed.join('')).not.toContain('9876');
    expect(kinds(engine, tender.tenderId)).toEqual(['tender.state', 'cash-receipt.requested', 'cash-receipt.result']);
  });

  it('refuses a number that fails its check before any cash is taken, and takes 지출증빙 or 자진발급', async () => {
    const { engine } = await till();
    const sale = engine.openSale(cart);
    await expect(engine.takeCash(sale.saleId, 6_500, { cashReceipt: { identifier: '124-81-00999' } })).rejects.toMatchObject({ code: 'cash-receipt-id' });
    await expect(engine.takeCash(sale.saleId, 6_500, { cashReceipt: { identifier: '010-12' } })).rejects.toMatchObject({ code: 'cash-receipt-id' });
    expect(engine.store.tendersOfSale(sale.saleId)).toEqual([]);
    const business = await engine.takeCash(sale.saleId, 6_500, { cashReceipt: { identifier: '1248100998' } });
    expect(engine.store.cashReceipt(business.tender.tenderId)).toMatchObject({ identifierType: 'business-number', purpose: 'expense-proof', masked: '124-81-*****' });

    const second = engine.openSale(cart);
    const self = await engine.takeCash(second.saleId, 6_500, { cashReceipt: { selfIssue: true } });
    const asked = engine.store.ledger.journal.forAggregate(self.tender.tenderId).find((r) => r.kind === 'cash-receipt.requested')!;
    expect(asked.body).toMatchObject({ identifier: SELF_ISSUE_NUMBER, purpose: 'deduction', selfIssued: true });

    const third = engine.openSale(cart);
    const phoneForBusiness = await engine.takeCash(third.saleId, 6_500, { cashReceipt: { identifier: '01098765432', purpose: 'expense-proof' } });
    expect(engine.store.cashReceipt(phoneForBusiness.tender.tenderId)).toMatchObject({ identifierType: 'phone', purpose: 'expense-proof' });
    expect(() => engine.requestCashReceipt(phoneForBusiness.tender.tenderId, '01011112222')).toThrow(/already asked/);
  });

  it('waits in the outbox while the gateway cannot take it, and is issued once it can', async () => {
    const { engine, sandbox } = await till();
    sandbox.setFaults({ rules: [{ fault: 'server-error', operations: ['journalBatch'] }] });
    const sale = engine.openSale(cart);
    const { tender } = await engine.takeCash(sale.saleId, 6_500);
    engine.requestCashReceipt(tender.tenderId, '010-9876-5432');
    await engine.sync.syncOnce().catch(() => undefined);
    expect(engine.store.cashReceipt(tender.tenderId)!.state).toBe('requested');
    expect(engine.sync.status().depth).toBeGreaterThan(0);
    sandbox.setFaults({ rules: [] });
    await waitFor(() => engine.store.cashReceipt(tender.tenderId)?.state === 'issued', 15_000);
  });

  it('is cancelled by a cash refund of its tender, for the amount given back', async () => {
    const { engine } = await till();
    const sale = engine.openSale(cart);
    const { tender } = await engine.takeCash(sale.saleId, 6_500, { cashReceipt: { identifier: '010-9876-5432' } });
    await waitFor(() => engine.store.cashReceipt(tender.tenderId)?.state === 'issued');
    const approval = engine.store.cashReceipt(tender.tenderId)!.approvalNumber;
    const refund = await engine.refund({ tenderId: tender.tenderId, amount: 2_500, managerPin: MANAGER_PIN });
    const cancel = engine.store.ledger.journal.forAggregate(tender.tenderId).find((r) => r.kind === 'cash-receipt.cancel-requested')!;
    expect(cancel.body).toMatchObject({ refundId: refund.refundId, amount: 2_500, originalApproval: approval, masked: '010-****-5432' });
    await waitFor(() => engine.store.ledger.journal.forAggregate(tender.tenderId).some((r) => r.kind === 'cash-receipt.cancel-result'));
    const result = engine.store.ledger.journal.forAggregate(tender.tenderId).find((r) => r.kind === 'cash-receipt.cancel-result')!;
    expect(result.body).toMatchObject({ status: 'cancelled', refundId: refund.refundId });
    expect(String(result.body.approvalNumber)).toMatch(/^\d{9}$/);
    // A cash refund of a tender without one cancels nothing.
    const plain = engine.openSale(cart);
    const other = await engine.takeCash(plain.saleId, 6_500);
    await engine.refund({ tenderId: other.tender.tenderId, managerPin: MANAGER_PIN });
    expect(kinds(engine, other.tender.tenderId)).not.toContain('cash-receipt.cancel-requested');
  });

  it('is asked through the checkout session with the cash, or right after the sale', async () => {
    const { engine } = await till();
    const session = new CheckoutSession({ engine, ids: new IdFactory('T01', systemClock), logger: silentLogger });
    cleanups.push(() => session.close());
    session.addLine({ name: '김밥', unitPrice: 3_500, quantity: 1, tax: 'taxable' });
    const paid = await session.cash(5_000, { identifier: '010-2222-3333' });
    const tenderId = paid.outcome?.kind === 'approved' ? paid.outcome.tenderId : '';
    expect(engine.store.cashReceipt(tenderId)).toMatchObject({ masked: '010-****-3333' });
    session.addLine({ name: '라면', unitPrice: 1_500, quantity: 1, tax: 'taxable' });
    const next = await session.cash(1_500);
    session.cashReceipt({ selfIssue: true });
    const nextTender = next.outcome?.kind === 'approved' ? next.outcome.tenderId : '';
    expect(engine.store.cashReceipt(nextTender)).toMatchObject({ masked: '010-***-1234', purpose: 'deduction' });
  });
});
