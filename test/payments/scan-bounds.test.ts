import { afterEach, describe, expect, it } from 'vitest';
import { classifyScan, MAX_SCAN_LENGTH } from '../../src/codes/index.js';
import type { RelayGateway } from '../../src/relay/gateway.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { openTill, startGateway, walletCode } from './harness.js';

const tempDir = useTempDir();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const cart = { lines: [{ name: 'Kimbap', unitPrice: 3500, quantity: 2, tax: 'taxable' as const }] };

/** A 600-character crafted "wallet code": a plausible prefix padded past the protocol's 512. */
const CRAFTED = `13${'4'.repeat(594)}7777`;

async function till(wrap: (gateway: RelayGateway) => RelayGateway = (g) => g) {
  const dir = tempDir();
  const { sandbox, client } = await startGateway(dir);
  const { engine, ledger } = openTill(dir, wrap(client()));
  engine.start();
  cleanups.push(() => sandbox.close(), () => ledger.close(), () => engine.stop());
  return { engine, ledger };
}

describe('scan length bound', () => {
  it('classification refuses a scan longer than the protocol allows (512)', () => {
    expect(MAX_SCAN_LENGTH).toBe(512);
    expect(() => classifyScan(CRAFTED)).toThrow(/600 characters: longer than the 512/);
  });

  it('a crafted 600-character code is refused before anything is journaled, and the sale still pays', async () => {
    const { engine, ledger } = await till();
    const sale = engine.openSale(cart);
    const rowsBefore = ledger.journal.verify().rows;
    await expect(engine.payByCode(sale.saleId, CRAFTED)).rejects.toMatchObject({ code: 'unrecognised-code' });
    expect(ledger.journal.verify().rows).toBe(rowsBefore);
    expect((await engine.payByCode(sale.saleId, walletCode(1))).tender.state).toBe('approved');
  });

  it('a pay the client refuses to send counts as never sent: declined, not wedged as requested', async () => {
    // The real client, handed a request its own schema refuses (a code past 512 after classification).
    const { engine } = await till((gateway) =>
      Object.assign(Object.create(gateway) as RelayGateway, {
        pay: (request: Parameters<RelayGateway['pay']>[0]) => gateway.pay({ ...request, paymentCode: request.paymentCode.padEnd(600, '1') }),
      }),
    );
    const sale = engine.openSale(cart);
    const outcome = await engine.payByCode(sale.saleId, walletCode(2));
    expect(outcome.tender).toMatchObject({ state: 'declined', reasonCode: 'NOT_SENT' });
  });
});
