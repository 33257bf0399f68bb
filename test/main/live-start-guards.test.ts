import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type ServiceSet, compose } from '../../main/compose.js';
import { loadPosConfig } from '../../main/config.js';
import { contractHandlers } from '../../main/handlers/index.js';
import { DEFAULT_OWNER_PIN } from '../../main/services/staff-store.js';
import { gatewayPinOf } from '../../main/services/terminal-identity.js';
import { createDispatcher } from '../../src/api/index.js';
import { ManualClock } from '../../src/platform/clock.js';
import { silentLogger } from '../../src/platform/logger.js';
import { generateTerminalKey } from '../../src/relay/terminal-key.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir('pos-live-guards-');
let services: ServiceSet | undefined;
afterEach(async () => {
  await services?.close();
  services = undefined;
});

const open = async (dataDir: string) =>
  (services = await compose(await loadPosConfig(dataDir), { logger: silentLogger, clock: new ManualClock(), appVersion: '0.0.0', validateContract: true }));

// Issue 14 points 1 and 4: a live till believes only a pinned gateway key, and the first-start owner PIN 0000 opens nothing live.
describe('what a live till needs before it starts', () => {
  it('refuses to start live with no gateway key pinned, then with the owner PIN still 0000, saying what to do', async () => {
    const dataDir = join(tempDir(), 'data');
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(join(dataDir, 'config.json'), JSON.stringify({ terminalId: 'SHOP1-T2', gateway: { url: 'https://relay.example/' } }));
    await expect(open(dataDir)).rejects.toThrow(/no gateway key is pinned.*register this till/);
    gatewayPinOf(dataDir).pin(generateTerminalKey());
    await expect(open(dataDir)).rejects.toThrow(/owner PIN is still the first-start 0000.*at least 6 digits/);
  });

  it('registers with a gateway only once the owner PIN 0000 was changed', async () => {
    const till = await open(join(tempDir(), 'data'));
    const dispatcher = createDispatcher({ handlers: contractHandlers(till), validateResults: true, logger: silentLogger });
    // Nothing listens on port 9: a registration that gets past the PIN checks finds no gateway.
    const register = (ownerPin: string) =>
      dispatcher.call('gateway.register', { ownerPin, url: 'https://127.0.0.1:9/', terminalId: 'SHOP1-T2', enrollmentCode: 'ABCD-1234' }, { role: 'cashier', transport: 'bridge' });
    expect(await register(DEFAULT_OWNER_PIN)).toMatchObject({ ok: true, result: { registered: false, code: 'DEFAULT_PIN' } });
    await till.till.staff.save({ ownerPin: DEFAULT_OWNER_PIN, staffId: 'owner', name: 'Owner', role: 'owner', pin: '246810' });
    expect(await register('246810')).toMatchObject({ ok: true, result: { registered: false, code: 'GATEWAY_UNREACHABLE' } });
  });
});
