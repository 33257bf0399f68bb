import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type ServiceSet, compose } from '../../main/compose.js';
import { loadPosConfig } from '../../main/config.js';
import { contractHandlers } from '../../main/handlers/index.js';
import { DEFAULT_OWNER_PIN } from '../../main/services/staff-store.js';
import { createDispatcher } from '../../src/api/index.js';
import { ManualClock } from '../../src/platform/clock.js';
import { silentLogger } from '../../src/platform/logger.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir('pos-manager-guards-');
let services: ServiceSet | undefined;
afterEach(async () => {
  await services?.close();
  services = undefined;
});

const MANAGER_PIN = '5151';
const CASHIER_PIN = '7373';
const store = { name: '한강분식', businessNumber: '123-45-67891', representative: '김대표' };

/** The composed training till through the contract, as the cashier window calls it, with a manager and a cashier on staff. */
async function till() {
  services = await compose(await loadPosConfig(join(tempDir(), 'data')), { logger: silentLogger, clock: new ManualClock(), appVersion: '0.0.0', validateContract: true });
  const dispatcher = createDispatcher({ handlers: contractHandlers(services), validateResults: true, logger: silentLogger });
  const call = (method: string, input?: unknown) => dispatcher.call(method, input, { role: 'cashier', transport: 'bridge' });
  await services.till.staff.save({ ownerPin: DEFAULT_OWNER_PIN, staffId: 'kim', name: 'Kim', role: 'manager', pin: MANAGER_PIN });
  await services.till.staff.save({ ownerPin: DEFAULT_OWNER_PIN, staffId: 'lee', name: 'Lee', role: 'cashier', pin: CASHIER_PIN });
  return { services, call };
}

// Issue 14 point 3: a manager's PIN guards the store details (printed on every receipt),
// the device profiles and the exports, whatever the screen did; language and sound stay free.
describe("the manager's PIN guards on settings, device profiles and exports", () => {
  it('changes the store details only with a manager PIN (or higher), never with none or a cashier PIN', async () => {
    const { services, call } = await till();
    expect(await call('settings.update', { store })).toMatchObject({ ok: false, error: { code: 'pin-invalid' } });
    expect(await call('settings.update', { store, managerPin: CASHIER_PIN })).toMatchObject({ ok: false, error: { code: 'role-too-low' } });
    expect(await call('settings.update', { store, managerPin: '9999' })).toMatchObject({ ok: false, error: { code: 'pin-invalid' } });
    expect(services.settings.get().store.name).toBe('');
    expect(await call('settings.update', { store, managerPin: MANAGER_PIN })).toMatchObject({ ok: true, result: { store } });
    expect(await call('settings.update', { store: { name: '한강김밥' }, managerPin: DEFAULT_OWNER_PIN })).toMatchObject({ ok: true, result: { store: { name: '한강김밥' } } });
    // The language and the sound switch need no PIN: any cashier may change their own screen.
    expect(await call('settings.update', { language: 'en', mute: true })).toMatchObject({ ok: true, result: { language: 'en', mute: true } });
  });

  it("sets the printer profile only with a manager's PIN", async () => {
    const { services, call } = await till();
    const before = services.till.devicePreferences.get().printerProfile;
    const other = services.till.devicePreferences.get().printerProfile === 'korean-58' ? 'korean-80' : 'korean-58';
    expect(await call('devices.setPrinterProfile', { profile: other })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await call('devices.setPrinterProfile', { profile: other, managerPin: CASHIER_PIN })).toMatchObject({ ok: false, error: { code: 'role-too-low' } });
    expect(services.till.devicePreferences.get().printerProfile).toBe(before);
    expect(await call('devices.setPrinterProfile', { profile: other, managerPin: MANAGER_PIN })).toMatchObject({ ok: true, result: { printerProfile: other } });
  });

  it("exports the close-out CSV and the catalog only with a manager's PIN", async () => {
    const { call } = await till();
    for (const method of ['closeout.exportCsv', 'catalog.export']) {
      expect(await call(method, {})).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      expect(await call(method, { managerPin: CASHIER_PIN })).toMatchObject({ ok: false, error: { code: 'role-too-low' } });
      expect(await call(method, { managerPin: MANAGER_PIN })).toMatchObject({ ok: true });
    }
  });
});

describe("the manager's PIN guards an offline QR marked paid", () => {
  it("marks it paid only with a manager's PIN; a cashier PIN and a wrong one are refused, and no PIN never reaches the core", async () => {
    const { services, call } = await till();
    const kimbap = { name: '김밥', unitPrice: 3_500, quantity: 1, tax: 'taxable' };
    await call('settings.update', { store, managerPin: MANAGER_PIN });
    // The gateway goes away; a cash sale's upload fails until the till calls itself offline.
    await services.till.training!.gateway.setRunning(false);
    await call('checkout.addLine', kimbap);
    expect(await call('checkout.cash', { tendered: 5_000 })).toMatchObject({ ok: true });
    for (let i = 0; i < 5 && services.till.engine.sync.status().connectivity !== 'offline'; i++) await services.till.engine.sync.syncOnce();
    expect(services.till.engine.sync.status().connectivity).toBe('offline');
    await call('checkout.dismiss');
    expect(await call('checkout.addLine', kimbap)).toMatchObject({ ok: true });
    const shown = await call('checkout.showQr');
    expect(shown).toMatchObject({ ok: true, result: { tender: { method: 'mpm-offline', state: 'created' } } });
    expect(await call('checkout.settleOfflineQr', { customerPaid: true })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await call('checkout.settleOfflineQr', { customerPaid: true, managerPin: CASHIER_PIN })).toMatchObject({ ok: false, error: { code: 'role-too-low' } });
    expect(await call('checkout.settleOfflineQr', { customerPaid: true, managerPin: '9999' })).toMatchObject({ ok: false, error: { code: 'pin-invalid' } });
    expect(services.till.checkout.state().tender).toMatchObject({ state: 'created' });
    expect(await call('checkout.settleOfflineQr', { customerPaid: true, managerPin: MANAGER_PIN })).toMatchObject({
      ok: true,
      result: { tender: null, outcome: { kind: 'approved', pending: true, complete: true } },
    });
  });
});
