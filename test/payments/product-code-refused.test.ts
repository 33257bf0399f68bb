import { afterEach, describe, expect, it } from 'vitest';
import type { RelayGateway } from '../../src/relay/gateway.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { openTill, startGateway, walletCode } from './harness.js';

const tempDir = useTempDir();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const cart = { lines: [{ name: '새우깡', unitPrice: 1_500, quantity: 1, tax: 'taxable' as const }] };

/** The gateway operations that carry a payment code or start a payment. */
const PAYMENT_OPERATIONS = new Set(['pay', 'createOrderCode', 'inquire', 'cancel']);

/** The till's gateway, with every call it makes written down by operation name. */
async function till() {
  const dir = tempDir();
  const { sandbox, client } = await startGateway(dir);
  const calls: string[] = [];
  const real = client();
  const counted = new Proxy(real, {
    get(target, name, receiver) {
      const value: unknown = Reflect.get(target, name, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls.push(String(name));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  }) as RelayGateway;
  const { engine, ledger } = openTill(dir, counted);
  cleanups.push(() => sandbox.close(), () => ledger.close());
  return { engine, ledger, calls };
}

// Issue 17 Deliver 2: "A product barcode is never sent to the gateway." Classification alone is
// tested in test/codes; this is the engine's own guard, which a code reaching payByCode from any
// route (the wedge, a contract call) meets.
describe('a product barcode handed to pay by code', () => {
  it.each([
    ['EAN-13, good check digit', '8801043012348'],
    ['EAN-13, wrong check digit (the issue’s example)', '8801043012345'],
    ['EAN-8', '96385074'],
    ['UPC-A', '036000291452'],
    ['ITF-14', '10012345678902'],
  ])('%s is refused before anything is journaled or sent', async (_, code) => {
    const { engine, ledger, calls } = await till();
    const sale = engine.openSale(cart);
    const rowsBefore = ledger.journal.verify().rows;
    await expect(engine.payByCode(sale.saleId, code)).rejects.toMatchObject({ code: 'not-a-wallet-code' });
    expect(ledger.journal.verify().rows).toBe(rowsBefore);
    expect(calls.filter((c) => PAYMENT_OPERATIONS.has(c))).toEqual([]);
    // The same sale still pays by a wallet code, through the same gateway.
    expect((await engine.payByCode(sale.saleId, walletCode(1))).tender.state).toBe('approved');
    expect(calls).toContain('pay');
  });
});
