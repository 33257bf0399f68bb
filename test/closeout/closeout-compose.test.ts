import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type ServiceSet, compose } from '../../main/compose.js';
import { loadPosConfig } from '../../main/config.js';
import { contractHandlers } from '../../main/handlers/index.js';
import { DEFAULT_OWNER_PIN } from '../../main/services/staff-store.js';
import { createDispatcher } from '../../src/api/index.js';
import { LABELS } from '../../src/closeout/index.js';
import { ManualClock } from '../../src/platform/clock.js';
import { silentLogger } from '../../src/platform/logger.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { kst, until } from './closing-till.js';

const tempDir = useTempDir('pos-closeout-compose-');
let services: ServiceSet | undefined;
afterEach(async () => {
  await services?.close();
  services = undefined;
});

describe('close-out in the composed app (training mode)', () => {
  it('closes the day through the contract and prints the Z on the training printer', async () => {
    const clock = new ManualClock(kst('2026-01-05T12:00:00'));
    services = await compose(await loadPosConfig(join(tempDir(), 'data')), { logger: silentLogger, clock, appVersion: '0.0.0', validateContract: true });
    const dispatcher = createDispatcher({ handlers: contractHandlers(services), validateResults: true, logger: silentLogger });
    const call = (method: string, input?: unknown) => dispatcher.call(method, input, { role: 'cashier', transport: 'ipc' });
    const { engine, training } = services.till;
    await engine.takeCash(engine.openSale({ lines: [{ name: '라면', unitPrice: 4_000, quantity: 1, tax: 'taxable' }] }).saleId, 5_000);
    const printedBefore = training!.printer.receipts().length;

    expect(await call('closeout.x')).toMatchObject({ ok: true, result: { businessDate: '2026-01-05', net: 4_000 } });
    const z = await call('closeout.z', { ownerPin: DEFAULT_OWNER_PIN, businessDate: '2026-01-05' });
    expect(z).toMatchObject({ ok: true, result: { kind: 'Z', net: 4_000, closing: { closedBy: 'owner', nextBusinessDate: '2026-01-06' } } });
    await until(() => training!.printer.receipts().length > printedBefore, 'the Z printed');
    expect(training!.printer.receipts()[0]!.lines.join('\n')).toContain(LABELS.titleZ);
  });
});
