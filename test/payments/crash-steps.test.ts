import { afterEach, describe, expect, it } from 'vitest';
import type { PaymentEngine } from '../../src/payments/payment-engine.js';
import type { Sleeper } from '../../src/payments/ports.js';
import { ManualClock } from '../../src/platform/clock.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { MANAGER_PIN, openTill, startGateway, waitFor, walletCode } from './harness.js';

/**
 * Multi-row state changes are one transaction (issue 12): the till dying
 * right after one row of a change committed must not leave the next row
 * unwritten. The "death" is a write that throws just after the previous
 * commit; the till is then reopened from the same files, like a restart.
 */
const kst = (iso: string) => Date.parse(`${iso}+09:00`);
const briefSleeper: Sleeper = { sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.min(ms, 20))) };

const tempDir = useTempDir();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

type Body = Record<string, unknown>;

/** Makes the engine's store die at the first write `dies` picks (the process ends there). */
function dieAt(engine: PaymentEngine, dies: (kind: string, body: Body) => boolean): void {
  const store = engine.store;
  const write = store.writeInTransaction.bind(store);
  store.writeInTransaction = ((kind: string, id: string, body: Body, options?: { sync?: boolean }) => {
    if (dies(kind, body)) throw new Error('SIGKILL');
    return write(kind as never, id, body as never, options);
  }) as typeof store.writeInTransaction;
}

describe('one transaction per state change', () => {
  it('turns a void refused past the cancel window into a refund that survives a crash between the two (defect 4)', async () => {
    const dir = tempDir();
    const clock = new ManualClock(kst('2026-01-05T21:00:00'));
    const { sandbox, client } = await startGateway(dir, 'T01', clock);
    cleanups.push(() => sandbox.close());
    const first = openTill(dir, client(), { clock, sleeper: briefSleeper });
    first.engine.start();
    const sale = first.engine.openSale({ lines: [{ name: 'Soju', unitPrice: 10_000, quantity: 1, tax: 'taxable' }] });
    const { tender } = await first.engine.payByCode(sale.saleId, walletCode(2));
    clock.set(kst('2026-01-06T00:16:00'));
    dieAt(first.engine, (kind, body) => kind === 'refund.state' && body.kind === 'refund' && body.to === 'requested');
    await expect(first.engine.refund({ tenderId: tender.tenderId, managerPin: MANAGER_PIN })).rejects.toThrow('SIGKILL');
    await first.engine.stop();
    first.ledger.close();

    const second = openTill(dir, client(), { clock, sleeper: briefSleeper });
    cleanups.push(() => second.ledger.close(), () => second.engine.stop());
    second.engine.start();
    await waitFor(() => second.engine.store.tender(tender.tenderId)!.state === 'refunded');
    expect(sandbox.ledger('T01').payments).toEqual([expect.objectContaining({ refunded: 10_000, netCharged: 0 })]);
  });

  it('keeps a 현금영수증 approval number when the till dies between the upload ack and the result (defect 10)', async () => {
    const dir = tempDir();
    const { sandbox, client } = await startGateway(dir);
    cleanups.push(() => sandbox.close());
    const first = openTill(dir, client());
    const sale = first.engine.openSale({ lines: [{ name: 'Tea', unitPrice: 5_000, quantity: 1, tax: 'taxable' }] });
    const { tender } = await first.engine.takeCash(sale.saleId, 5_000);
    first.engine.requestCashReceipt(tender.tenderId, '010-9876-5432');
    let died = false;
    dieAt(first.engine, (kind) => kind === 'cash-receipt.result' && (died = true));
    first.engine.start();
    await waitFor(() => died);
    await first.engine.stop();
    first.ledger.close();

    const second = openTill(dir, client());
    cleanups.push(() => second.ledger.close(), () => second.engine.stop());
    second.engine.start();
    const result = () => second.engine.store.ledger.journal.forAggregate(tender.tenderId).find((r) => r.kind === 'cash-receipt.result');
    await waitFor(() => result() !== undefined);
    expect(result()!.body).toMatchObject({ status: 'issued', approvalNumber: expect.stringMatching(/^\d{9}$/) });
  });
});
