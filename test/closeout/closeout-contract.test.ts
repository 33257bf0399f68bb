import { afterEach, describe, expect, it } from 'vitest';
import type { ServiceSet } from '../../main/compose.js';
import { closeoutHandlers } from '../../main/handlers/closeout.js';
import { TrainingPrinter } from '../../native/printer/printer-factory.js';
import { type ContractHandlers, createDispatcher } from '../../src/api/index.js';
import { CloseOut } from '../../src/closeout/index.js';
import { silentLogger } from '../../src/platform/logger.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { CASHIER_PIN, type ClosingTill, MANAGER_PIN, OWNER_PIN, kst, staff, startClosingTill, until } from './closing-till.js';
import { expectPrintedToMatch, printedRows } from './printed-report.js';

const tempDir = useTempDir('pos-closeout-contract-');
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** The close-out's contract rows over a till with the training printer (real ESC/POS stack, virtual paper). */
async function contract(): Promise<{ till: ClosingTill; printer: TrainingPrinter; call: (method: string, input?: unknown) => Promise<unknown> }> {
  const dir = tempDir();
  const till = await startClosingTill(dir, kst('2026-01-05T12:00:00'));
  cleanups.push(() => till.close());
  const printer = await TrainingPrinter.start({ dataDir: dir, profileId: 'korean-80', clock: till.clock, logger: silentLogger });
  cleanups.push(() => printer.stop());
  const closeout = new CloseOut({
    ledger: till.ledger, payments: till.engine.store, gateway: till.gateway, staff, clock: till.clock, logger: silentLogger,
    config: { terminalId: 'T01' }, printer: printer.printer,
  });
  const handlers = closeoutHandlers({ till: { closeout, staff } } as unknown as ServiceSet) as unknown as ContractHandlers;
  const dispatcher = createDispatcher({ handlers, validateResults: true, logger: silentLogger });
  return { till, printer, call: (method, input) => dispatcher.call(method, input, { role: 'cashier', transport: 'bridge' }) };
}

describe('close-out contract rows', () => {
  it('serves X, cash count, reconciliation, CSV and Z through the dispatcher, results checked against the schemas', async () => {
    const { till, printer, call } = await contract();
    await till.engine.cashMovement('float', 30_000, 'float', CASHIER_PIN);
    await till.engine.takeCash(till.engine.openSale({ lines: [{ name: '김밥', unitPrice: 3_500, quantity: 2, tax: 'taxable' }] }).saleId, 10_000);

    expect(await call('closeout.x')).toMatchObject({ ok: true, result: { kind: 'X', businessDate: '2026-01-05', net: 7_000, reconciliation: { status: 'unavailable' } } });
    expect(await call('closeout.reconcile')).toMatchObject({ ok: true, result: { status: 'done', matched: 0 } });
    expect(await call('closeout.cashCount', { pin: MANAGER_PIN, denominations: { '20000': 1 } })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await call('closeout.cashCount', { pin: MANAGER_PIN, denominations: { '10000': 3, '5000': 1, '1000': 2 } })).toMatchObject({
      ok: true,
      result: { expected: 37_000, counted: 37_000, difference: 0 },
    });
    expect(await call('closeout.exportCsv', { managerPin: CASHIER_PIN })).toMatchObject({ ok: false, error: { code: 'role-too-low' } });
    const csv = (await call('closeout.exportCsv', { managerPin: MANAGER_PIN })) as { ok: true; result: { filename: string; csv: string } };
    expect(csv.result.filename).toBe('closeout-X-T01-2026-01-05.csv');
    expect(csv.result.csv.charCodeAt(0)).toBe(0xfeff);

    expect(await call('closeout.z', { ownerPin: OWNER_PIN })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await call('closeout.z', { ownerPin: MANAGER_PIN, businessDate: '2026-01-05' })).toMatchObject({ ok: false, error: { code: 'role-too-low' } });
    const z = (await call('closeout.z', { ownerPin: OWNER_PIN, businessDate: '2026-01-05' })) as { ok: true; result: Parameters<typeof expectPrintedToMatch>[0] };
    expect(z).toMatchObject({ ok: true, result: { kind: 'Z', net: 7_000, cash: { counted: 37_000 }, closing: { closedBy: 'o1' } } });
    expect(await call('closeout.z', { ownerPin: OWNER_PIN, businessDate: '2026-01-05' })).toMatchObject({ ok: false, error: { code: 'already-closed' } });

    // The Z went through the print queue and the TCP transport to the virtual 80 mm printer.
    await until(() => printer.receipts().length === 1, 'the Z on paper');
    expectPrintedToMatch(z.result, printedRows(printer.receipts()[0]!.lines));
  });

  it('keeps the customer display window out', async () => {
    const { till } = await contract();
    const handlers = closeoutHandlers({ till: { closeout: till.closeout } } as unknown as ServiceSet) as unknown as ContractHandlers;
    const dispatcher = createDispatcher({ handlers, validateResults: true, logger: silentLogger });
    expect(await dispatcher.call('closeout.x', {}, { role: 'display', transport: 'ipc' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
