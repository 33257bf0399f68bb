import { afterEach, describe, expect, it } from 'vitest';
import { useTempDir } from '../helpers/temp-dir.js';
import { openTill, startGateway, waitFor, walletCode } from './harness.js';

/** Issue 12, defect 10: what the sale itself must refuse or hold back. */
const tempDir = useTempDir();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function till() {
  const dir = tempDir();
  const { sandbox, client } = await startGateway(dir);
  const { engine, ledger } = openTill(dir, client());
  engine.start();
  cleanups.push(() => sandbox.close(), () => ledger.close(), () => engine.stop());
  return { engine, sandbox };
}

const cart = { lines: [{ name: 'Soju', unitPrice: 10_000, quantity: 1, tax: 'taxable' as const }] };

describe('sale safety', () => {
  it('keeps the amount held and says nothing of "not charged" until the cancellation is acknowledged (defect 10)', async () => {
    const { engine, sandbox } = await till();
    sandbox.setFaults({ rules: [{ fault: 'drop-after', operations: ['pay'] }, { fault: 'drop-before', operations: ['inquiry', 'cancel'] }] });
    const sale = engine.openSale(cart);
    const outcome = await engine.payByCode(sale.saleId, walletCode(5));
    expect(outcome.tender.state).toBe('reversing');
    expect(outcome.message).not.toMatch(/not charged/);
    expect(engine.balance(sale.saleId).due).toBe(0);
    sandbox.setFaults({ rules: [] });
    await waitFor(() => engine.store.tender(outcome.tender.tenderId)!.state === 'reversed');
    expect(engine.balance(sale.saleId).due).toBe(10_000);
    expect(engine.store.tender(outcome.tender.tenderId)!.reason).toMatch(/not charged/);
  });

  it('refuses a cart in another currency than won (defect 10)', async () => {
    const { engine } = await till();
    expect(() => engine.openSale({ ...cart, currency: 'CNY' } as never)).toThrow(/won \(KRW\)/);
    expect(engine.store.salesInState('open')).toEqual([]);
  });

  it('refuses the same wallet code a second time within one sale (defect 10)', async () => {
    const { engine } = await till();
    const sale = engine.openSale({ lines: [{ name: 'Soju', unitPrice: 10_000, quantity: 2, tax: 'taxable' }] });
    const code = walletCode(6);
    expect((await engine.payByCode(sale.saleId, code, 10_000)).tender.state).toBe('approved');
    await expect(engine.payByCode(sale.saleId, code, 10_000)).rejects.toThrow(/already/);
    expect(engine.store.tendersOfSale(sale.saleId)).toHaveLength(1);
  });
});
